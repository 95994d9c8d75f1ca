using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Core.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Api;

/// <summary>What creating a token gives back: the stored token, and its secret, shown once and never again.</summary>
public sealed record CreatedApiToken(ApiToken Token, string Secret);

/// <summary>A request's token, once checked: the token and the actor that writes as it.</summary>
public sealed record ApiTokenSession(ApiToken Token, Actor Actor);

/// <summary>Creates, lists and revokes an organization's API tokens (its leads and administrators only; creating and
/// revoking are audited), and checks the secret a request presents.</summary>
public sealed class ManageApiTokens(HavenDbContext db, IClock clock, AuditLog audit)
{
    /// <summary>The lifetimes offered, in days; 0 for a token that lasts until it is revoked.</summary>
    public static readonly IReadOnlyList<int> LifetimeChoices = [0, 30, 90, 365];

    /// <summary>Least time between two records of a token's use, so a busy script does not write on every request.</summary>
    public static readonly Duration UseRecordInterval = Duration.FromMinutes(1);

    public async Task<Outcome<CreatedApiToken>> CreateAsync(Actor actor, int organizationId, string? name, int lifetimeDays, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var problems = new List<Problem>();
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, ct);
        if (organization is null)
            problems.Add(new Problem("unknown", "Choose an organization.", "OrganizationId"));
        else if (!actor.Leads(organizationId))
            return Outcome<CreatedApiToken>.Failure(new Problem("forbidden", "Only the organization's leads and administrators manage its API tokens."));
        var cleanName = UserText.Line(name, 1000);
        if (cleanName.Length == 0) problems.Add(new Problem("required", "Name the token after what will use it, like “Website sync”.", "Name"));
        else if (cleanName.Length > ApiToken.NameMaxLength)
            problems.Add(new Problem("too_long", "Keep this under {0} characters.", "Name", ApiToken.NameMaxLength));
        if (!LifetimeChoices.Contains(lifetimeDays)) problems.Add(new Problem("invalid", "Choose how long the token lasts.", "LifetimeDays"));
        if (problems.Count > 0) return Outcome<CreatedApiToken>.Failure(problems);

        var now = clock.GetCurrentInstant();
        var secret = ApiToken.SecretPrefix + SecretTokens.New();
        var token = new ApiToken
        {
            OrganizationId = organizationId,
            Name = cleanName,
            SecretHash = SecretTokens.Hash(secret),
            Prefix = secret[..ApiToken.VisiblePrefixLength],
            CreatedById = actor.UserId ?? "",
            CreatedByName = actor.Name,
            CreatedAt = now,
            ExpiresAt = lifetimeDays > 0 ? now + Duration.FromDays(lifetimeDays) : null,
        };
        // The entry names the token by its id, so the token is saved first; both commit together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        audit.Add(actor, AuditActions.ApiTokenCreated, "api_token", token.Id.ToString(CultureInfo.InvariantCulture), organizationId,
            $"Created the API token \u201c{token.Name}\u201d ({token.Prefix}\u2026) of {organization!.Name}", after: Describe(token));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<CreatedApiToken>.Success(new CreatedApiToken(token, secret));
    }

    /// <summary>The tokens of the organizations the actor leads (every organization's for administrators), newest first,
    /// revoked ones included so the list shows what happened.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var led = actor.LedOrganizationIds;
        return await db.ApiTokens.AsNoTracking().Include(t => t.Organization)
            .Where(t => actor.IsAdministrator || led.Contains(t.OrganizationId))
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Take(500).ToListAsync(ct);
    }

    public async Task<Outcome<ApiToken>> RevokeAsync(Actor actor, int tokenId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var token = await db.ApiTokens.Include(t => t.Organization).FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null || !actor.Leads(token.OrganizationId))
            return Outcome<ApiToken>.Failure(new Problem("not_found", "This token does not exist, or is not one you manage."));
        if (token.RevokedAt is not null) return Outcome<ApiToken>.Success(token);
        var before = Describe(token);
        token.RevokedAt = clock.GetCurrentInstant();
        token.RevokedByName = actor.Name;
        audit.Add(actor, AuditActions.ApiTokenRevoked, "api_token", token.Id.ToString(CultureInfo.InvariantCulture), token.OrganizationId,
            $"Revoked the API token \u201c{token.Name}\u201d ({token.Prefix}\u2026) of {token.Organization?.Name}", before, Describe(token));
        await db.SaveChangesAsync(ct);
        return Outcome<ApiToken>.Success(token);
    }

    /// <summary>The session a presented secret opens, or null when no usable token has it (unknown, revoked, expired).
    /// Records when the token was last used.</summary>
    public async Task<ApiTokenSession?> AuthenticateAsync(string? secret, string? ipAddress, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 200 || !secret.StartsWith(ApiToken.SecretPrefix, StringComparison.Ordinal)) return null;
        var hash = SecretTokens.Hash(secret.Trim());
        var token = await db.ApiTokens.AsNoTracking().Include(t => t.Organization).FirstOrDefaultAsync(t => t.SecretHash == hash, ct);
        var now = clock.GetCurrentInstant();
        if (token?.Organization is null || !token.IsUsableAt(now)) return null;
        if (token.LastUsedAt is not { } last || now - last >= UseRecordInterval)
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
            token.LastUsedAt = now;
        }
        return new ApiTokenSession(token, token.ActorFor(token.Organization.Name, ipAddress));
    }

    private static object Describe(ApiToken t) => new
    {
        t.Name,
        t.Prefix,
        t.OrganizationId,
        ExpiresAt = t.ExpiresAt?.ToString(),
        RevokedAt = t.RevokedAt?.ToString(),
    };
}
