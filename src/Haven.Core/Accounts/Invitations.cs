using System.Globalization;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Accounts;

/// <summary>Accounts are by invitation only: an administrator, or an organization's lead for their organization,
/// invites an address with a role; the emailed link opens the account once, within <see cref="Invitation.Lifetime"/>.</summary>
public sealed class Invitations(HavenDbContext db, UserManager<HavenUser> users, RoleManager<IdentityRole> roles, MailOutbox outbox, AuditLog audit, IClock clock)
{
    /// <summary>Creates the invitation and queues its mail, in one commit. <paramref name="compose"/> writes the mail
    /// (in the language the inviter chose) around the secret token and expiry it is given.</summary>
    public async Task<Outcome<Invitation>> InviteAsync(Actor actor, string? email, InvitedRole role, int? organizationId,
        Func<string, Instant, Email> linkToEmail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(linkToEmail);
        var problems = new List<Problem>();
        var address = (email ?? "").Trim();
        if (!EmailAddress.IsValid(address))
            problems.Add(new Problem("invalid_email", "Enter one email address, like name@example.org.", "Email"));
        if (!Enum.IsDefined(role))
            problems.Add(new Problem("invalid", "Choose a role.", "Role"));
        var forOrganization = role is InvitedRole.Editor or InvitedRole.Lead;
        if (forOrganization && (organizationId is not { } id || !await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken)))
            problems.Add(new Problem("required", "Choose the organization.", "OrganizationId"));
        if (!forOrganization) organizationId = null;
        if (problems.Count > 0) return Outcome<Invitation>.Failure(problems);

        if (!actor.CanInvite(role, organizationId))
        {
            await audit.WriteNowAsync(actor, AuditActions.InvitationRefused, "invitation", address, organizationId,
                $"Refused inviting {address} as {role}", cancellationToken: cancellationToken);
            return Outcome<Invitation>.Failure(new Problem("forbidden", "You cannot invite someone with this role."));
        }
        if (await users.FindByEmailAsync(address) is not null)
            return Outcome<Invitation>.Failure(new Problem("account_exists", "An account already uses this address. An administrator can give it the role.", "Email"));

        var now = clock.GetCurrentInstant();
        // A new invitation replaces any earlier one still open for the same address.
        var normalized = address.ToUpperInvariant();
        var earlier = await db.Invitations.Where(i => i.Email.ToUpper() == normalized && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var old in earlier) old.RevokedAt = now;

        var token = SecretTokens.New();
        var invitation = new Invitation
        {
            TokenHash = SecretTokens.Hash(token),
            Email = address,
            Role = role,
            OrganizationId = organizationId,
            InvitedById = actor.UserId ?? actor.Name,
            CreatedAt = now,
            ExpiresAt = now + Invitation.Lifetime,
        };
        db.Invitations.Add(invitation);
        outbox.Queue(linkToEmail(token, invitation.ExpiresAt));
        audit.Add(actor, AuditActions.InvitationSent, "invitation", address, organizationId, $"Invited {address} as {role}",
            after: new { invitation.Email, Role = role.ToString(), invitation.OrganizationId, invitation.ExpiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Invitation>.Success(invitation);
    }

    /// <summary>The invitation a link carries, with what stands in its way (null when it can be accepted).</summary>
    public async Task<(Invitation? Invitation, Problem? Problem)> CheckAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
            return (null, NotFound);
        var hash = SecretTokens.Hash(token);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null) return (null, NotFound);
        if (invitation.AcceptedAt is not null) return (invitation, new Problem("invitation_used", "This invitation was already used. Sign in with the account it opened."));
        if (invitation.RevokedAt is not null) return (invitation, new Problem("invitation_revoked", "This invitation was withdrawn. Ask whoever invited you for a new one."));
        if (invitation.ExpiresAt <= clock.GetCurrentInstant()) return (invitation, new Problem("invitation_expired", "This invitation has expired. Ask whoever invited you for a new one."));
        return (invitation, null);
    }

    /// <summary>Opens the account and gives it the role, all or nothing; the link is spent even if two people click at
    /// once (only one update can mark it accepted).</summary>
    public async Task<Outcome<HavenUser>> AcceptAsync(string? token, string? name, string? password, string? confirm, string? ipAddress,
        CancellationToken cancellationToken = default)
    {
        var (found, blocked) = await CheckAsync(token, cancellationToken);
        if (blocked is not null || found is null)
        {
            await audit.WriteNowAsync(Actor.Anonymous(ipAddress), AuditActions.InvitationRefused, "invitation", found?.Email ?? "", found?.OrganizationId,
                $"Refused an invitation link: {blocked?.Code ?? "invitation_not_found"}", cancellationToken: cancellationToken);
            return Outcome<HavenUser>.Failure(blocked ?? NotFound);
        }

        var problems = new List<Problem>();
        var displayName = (name ?? "").Trim();
        if (displayName.Length == 0) problems.Add(new Problem("required", "Enter your name.", "Name"));
        else if (displayName.Length > 200) problems.Add(new Problem("too_long", "Keep this under {0} characters.", "Name", 200));
        if (string.IsNullOrEmpty(password)) problems.Add(new Problem("required", "Choose a password.", "Password"));
        else if (password != confirm) problems.Add(new Problem("password_mismatch", "The two passwords are not the same.", "Confirm"));
        if (problems.Count > 0) return Outcome<HavenUser>.Failure(problems);
        if (await users.FindByEmailAsync(found.Email) is not null)
            return Outcome<HavenUser>.Failure(new Problem("account_exists", "An account already uses this address. An administrator can give it the role.", "Email"));

        var user = new HavenUser { UserName = found.Email, Email = found.Email, EmailConfirmed = true, DisplayName = displayName };
        var actor = new Actor { UserId = user.Id, Name = found.Email, IpAddress = ipAddress };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var claimed = await db.Invitations
            .Where(i => i.Id == found.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedById, user.Id), cancellationToken);
        if (claimed != 1)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return Outcome<HavenUser>.Failure(new Problem("invitation_used", "This invitation was already used. Sign in with the account it opened."));
        }

        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Outcome<HavenUser>.Failure(created.Errors.Select(e => PasswordProblem(e)).ToList());
        }

        switch (found.Role)
        {
            case InvitedRole.Administrator or InvitedRole.Moderator:
                var roleName = found.Role == InvitedRole.Administrator ? Roles.Administrator : Roles.Moderator;
                if (!await roles.RoleExistsAsync(roleName)) await roles.CreateAsync(new IdentityRole(roleName));
                await users.AddToRoleAsync(user, roleName);
                break;
            default:
                db.Memberships.Add(new OrganizationMembership
                {
                    UserId = user.Id,
                    OrganizationId = found.OrganizationId!.Value,
                    Role = found.Role == InvitedRole.Lead ? MembershipRole.Lead : MembershipRole.Editor,
                });
                break;
        }
        var subject = found.Id.ToString(CultureInfo.InvariantCulture);
        audit.Add(actor, AuditActions.AccountCreated, "account", user.Id, found.OrganizationId, $"Opened the account {found.Email} from an invitation");
        audit.Add(actor, AuditActions.InvitationAccepted, "invitation", subject, found.OrganizationId, $"Accepted the invitation as {found.Role}");
        audit.Add(actor, AuditActions.RoleGranted, "account", user.Id, found.OrganizationId, $"{found.Email} became {found.Role}",
            after: new { Role = found.Role.ToString(), found.OrganizationId });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<HavenUser>.Success(user);
    }

    public async Task<bool> RevokeAsync(Actor actor, int invitationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null || invitation.AcceptedAt is not null || invitation.RevokedAt is not null) return false;
        if (!actor.CanInvite(invitation.Role, invitation.OrganizationId))
        {
            await audit.WriteNowAsync(actor, AuditActions.InvitationRefused, "invitation", invitation.Email, invitation.OrganizationId,
                $"Refused withdrawing the invitation of {invitation.Email}", cancellationToken: cancellationToken);
            return false;
        }
        invitation.RevokedAt = clock.GetCurrentInstant();
        audit.Add(actor, AuditActions.InvitationRevoked, "invitation", invitation.Email, invitation.OrganizationId, $"Withdrew the invitation of {invitation.Email}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static readonly Problem NotFound = new("invitation_not_found", "This invitation link is not valid. Check that you copied all of it.");

    /// <summary>Identity's password errors, as problems next to the password field.</summary>
    private static Problem PasswordProblem(IdentityError error) => error.Code switch
    {
        "PasswordTooShort" => new Problem("password_too_short", "Use at least {0} characters: a few words make a good password.", "Password", 12),
        "DuplicateEmail" or "DuplicateUserName" => new Problem("account_exists", "An account already uses this address. An administrator can give it the role.", "Email"),
        _ => new Problem("password_rejected", "Choose another password.", "Password"),
    };

}
