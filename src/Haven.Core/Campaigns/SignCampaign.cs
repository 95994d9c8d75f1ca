using Haven.Core.Data;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Campaigns;

/// <summary>What someone submits on a campaign's sign-on form.</summary>
public sealed record SignOnRequest
{
    public int CampaignId { get; init; }
    public EndorsementKind Kind { get; init; } = EndorsementKind.Organization;
    public string? OrganizationName { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? SignerName { get; init; }
    public string? SignerRole { get; init; }
    public string? Email { get; init; }
    public bool MaySignForOrganization { get; init; }
    public string Language { get; init; } = Languages.English;
}

/// <summary>What became of a sign-on: a new signature waiting for its email to be confirmed, or the same address's
/// unconfirmed signature, whose confirmation link was mailed again. Either way the link goes to the address only.</summary>
public sealed record SignOnResult(Endorsement Endorsement, bool ConfirmationResent);

/// <summary>Takes a signature from the public form. Every field is cleaned of markup (<see cref="UserText"/>) and checked;
/// the campaign must be open and accept the kind of signer. One signature per organization (normalized name, and email
/// domain unless free mail) and per individual email: the unique indexes decide under concurrency, so two sign-ons of
/// one organization at once end as one signature, and the loser is told the organization has signed. The same
/// address signing again while unconfirmed (a double submit, a lost mail) gets the confirmation link again instead.
/// Unconfirmed signatures older than <see cref="SignatureRules.UnconfirmedLifetime"/> block nothing: they are released
/// here when someone signs for that organization again.</summary>
public sealed class SignCampaign(HavenDbContext db, IClock clock, EndorsementMail mail)
{
    public static readonly Problem AlreadySigned = new("already_signed", "This organization has already signed this campaign.");
    public static readonly Problem AlreadySignedIndividual = new("already_signed", "This email address has already signed this campaign.");

    public async Task<Outcome<SignOnResult>> RunAsync(SignOnRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.CampaignId, cancellationToken);
        if (campaign is null || campaign.IsDraft) return Outcome<SignOnResult>.Failure(new Problem("not_found", "This campaign does not exist."));
        var now = clock.GetCurrentInstant();
        if (SignatureRules.WhyClosed(campaign, now) is { } closed) return Outcome<SignOnResult>.Failure(closed);

        var kind = request.Kind;
        var problems = new List<Problem>();
        if (!Enum.IsDefined(kind) || !campaign.Accepts(kind))
            problems.Add(campaign.WhoMaySign == WhoMaySign.Individuals
                ? new Problem("kind", "This campaign takes signatures from individuals only.", nameof(request.Kind))
                : new Problem("kind", "This campaign takes signatures from organizations only.", nameof(request.Kind)));
        var organization = kind == EndorsementKind.Organization ? UserText.Line(request.OrganizationName, Endorsement.NameMaxLength + 1) : "";
        var city = UserText.Line(request.City, Endorsement.CityMaxLength + 1);
        var state = UserText.Line(request.State, 10).ToUpperInvariant();
        var signer = UserText.Line(request.SignerName, Endorsement.NameMaxLength + 1);
        var role = UserText.Line(request.SignerRole, Endorsement.RoleMaxLength + 1);
        var email = UserText.Line(request.Email, Endorsement.EmailMaxLength + 1);

        if (kind == EndorsementKind.Organization)
        {
            Required(problems, organization, "Enter the organization's name.", nameof(request.OrganizationName), Endorsement.NameMaxLength);
            if (organization.Length > 0 && SignatureRules.NormalizeOrganizationName(organization).Length == 0)
                problems.Add(new Problem("invalid", "Enter the organization's name.", nameof(request.OrganizationName)));
            Required(problems, role, "Enter your role in the organization.", nameof(request.SignerRole), Endorsement.RoleMaxLength);
            if (!request.MaySignForOrganization)
                problems.Add(new Problem("required", "Confirm that you may sign for this organization.", nameof(request.MaySignForOrganization)));
        }
        else if (role.Length > Endorsement.RoleMaxLength)
        {
            problems.Add(new Problem("too_long", "Keep this under {0} characters.", nameof(request.SignerRole), Endorsement.RoleMaxLength));
        }
        Required(problems, city, "Enter the city.", nameof(request.City), Endorsement.CityMaxLength);
        if (!SignatureRules.StateCodes.Contains(state))
            problems.Add(new Problem("invalid_state", "Choose the state.", nameof(request.State)));
        Required(problems, signer, "Enter your name.", nameof(request.SignerName), Endorsement.NameMaxLength);
        if (!EmailAddress.IsValid(email) || email.Length > Endorsement.EmailMaxLength)
            problems.Add(new Problem("invalid_email", "Enter one email address, like name@example.org.", nameof(request.Email)));
        if (problems.Count > 0) return Outcome<SignOnResult>.Failure(problems);

        var normalizedEmail = SignatureRules.NormalizeEmail(email);
        var key = SignatureRules.SignatureKey(kind, organization, normalizedEmail);
        var domain = kind == EndorsementKind.Organization ? SignatureRules.OrganizationDomain(normalizedEmail) : null;
        var language = Languages.Interface.Contains(request.Language) ? request.Language : Languages.English;

        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var holders = await db.Endorsements
                .Where(e => e.CampaignId == campaign.Id && (e.SignatureKey == key || (domain != null && e.OrganizationDomain == domain)))
                .ToListAsync(cancellationToken);
            var blocking = holders.Where(h => h.Blocks(now)).ToList();
            if (blocking.Count > 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                var mine = blocking.FirstOrDefault(h => h.Status == EndorsementStatus.Unconfirmed && h.NormalizedEmail == normalizedEmail);
                if (mine is null)
                {
                    db.ChangeTracker.Clear();
                    return Outcome<SignOnResult>.Failure(kind == EndorsementKind.Organization ? AlreadySigned : AlreadySignedIndividual);
                }
                // The same address, still unconfirmed: the link again, to the address only.
                mine.UpdatedAt = now;
                mail.Send(campaign, mine, EndorsementLetterKind.ConfirmEmail);
                await db.SaveChangesAsync(cancellationToken);
                return Outcome<SignOnResult>.Success(new SignOnResult(mine, ConfirmationResent: true));
            }
            // Unconfirmed signatures past their lifetime give way.
            foreach (var stale in holders) stale.Release();
            if (holders.Count > 0) await db.SaveChangesAsync(cancellationToken);

            var endorsement = new Endorsement
            {
                CampaignId = campaign.Id,
                Kind = kind,
                OrganizationName = organization,
                City = city,
                State = state,
                SignerName = signer,
                SignerRole = role,
                Email = email,
                NormalizedEmail = normalizedEmail,
                MaySignForOrganization = kind == EndorsementKind.Organization && request.MaySignForOrganization,
                Language = language,
                Status = EndorsementStatus.Unconfirmed,
                SignatureKey = key,
                OrganizationDomain = domain,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Endorsements.Add(endorsement);
            mail.Send(campaign, endorsement, EndorsementLetterKind.ConfirmEmail);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return Outcome<SignOnResult>.Success(new SignOnResult(endorsement, ConfirmationResent: false));
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Only the unique indexes refuse this: the organization (or address) signed meanwhile. Look again.
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
            }
        }
    }

    private static void Required(List<Problem> problems, string value, string message, string field, int max)
    {
        if (value.Length == 0) problems.Add(new Problem("required", message, field));
        else if (value.Length > max) problems.Add(new Problem("too_long", "Keep this under {0} characters.", field, max));
    }

    /// <summary>The endorsement a private link's token opens, or null.</summary>
    public async Task<Endorsement?> FindByTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!EndorsementLink.IsWellFormed(token)) return null;
        var hash = SecretTokens.Hash(token!);
        return await db.Endorsements.FirstOrDefaultAsync(e => e.Links.Any(l => l.TokenHash == hash), cancellationToken);
    }
}
