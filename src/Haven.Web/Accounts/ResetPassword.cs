using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Microsoft.AspNetCore.Identity;

namespace Haven.Web.Accounts;

/// <summary>Chooses a new password with a link from <see cref="RequestPasswordReset"/>. The link's token is Identity's
/// password-reset token: it expires, and it is tied to the account's security stamp, which the new password changes,
/// so it works once and every session of the account ends. A lockout ends too. Nobody is signed in by it:
/// administrators still give their second factor when they sign in with the new password.</summary>
public sealed class ResetPassword(UserManager<HavenUser> users, HavenDbContext db, AuditLog audit)
{
    public static readonly Problem LinkNotValid = new Problem("reset_link_invalid", "This link has expired or was already used. Ask for a new one.");

    /// <summary>Whether the link still works, so the page can say it does not before anyone types a password.</summary>
    public async Task<bool> LinkWorksAsync(string? email, string? token) => await AccountOfLinkAsync(email, token) is not null;

    /// <summary>Sets the new password, or returns every problem and changes nothing.</summary>
    public async Task<Outcome<HavenUser>> RunAsync(string? email, string? token, string? password, string? confirmation,
        string? ipAddress, CancellationToken ct)
    {
        var user = await AccountOfLinkAsync(email, token);
        if (user is null) return Outcome<HavenUser>.Failure(LinkNotValid);

        password ??= "";
        var problems = new List<Problem>();
        foreach (var validator in users.PasswordValidators)
            problems.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(ToProblem));
        if (password != (confirmation ?? ""))
            problems.Add(new Problem("passwords_differ", "The two passwords are not the same.", "ConfirmPassword"));
        if (problems.Count > 0) return Outcome<HavenUser>.Failure(problems.DistinctBy(p => p.Code).ToList());

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reset = await users.ResetPasswordAsync(user, token!, password);
        if (!reset.Succeeded)
        {
            // Another use of the same link got there first (the token no longer matches the stamp, or the row changed
            // under this one); anything else is a password rule the checks above did not see.
            return reset.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.InvalidToken) or nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? Outcome<HavenUser>.Failure(LinkNotValid)
                : Outcome<HavenUser>.Failure(reset.Errors.Select(ToProblem).DistinctBy(p => p.Code).ToList());
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        var actor = new Actor { UserId = user.Id, Name = user.Email ?? user.UserName ?? user.Id, IpAddress = ipAddress };
        audit.Add(actor, AuditActions.PasswordReset, "account", user.Id, null,
            "Chose a new password with a mailed link; every session of the account was signed out");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<HavenUser>.Success(user);
    }

    private async Task<HavenUser?> AccountOfLinkAsync(string? email, string? token)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(token)) return null;
        var user = await users.FindByEmailAsync(email.Trim());
        return user is not null && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider,
            UserManager<HavenUser>.ResetPasswordTokenPurpose, token)
            ? user
            : null;
    }

    private Problem ToProblem(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) =>
            new Problem("password_too_short", "Use at least {0} characters.", "Password", users.Options.Password.RequiredLength),
        // The other rules Identity can apply (digits, case, symbols) are turned off: length is the rule here.
        _ => new Problem("password_refused", "This password cannot be used. Choose another.", "Password"),
    };
}
