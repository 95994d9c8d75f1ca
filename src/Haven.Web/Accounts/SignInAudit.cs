using Haven.Core.Accounts;
using Haven.Core.Audit;

namespace Haven.Web.Accounts;

/// <summary>Audit entries for sign-in events, which happen outside any other change.</summary>
public sealed class SignInAudit(AuditLog audit, IHttpContextAccessor http)
{
    public Task SignedInAsync(HavenUser user, string how, CancellationToken ct) =>
        audit.WriteNowAsync(ActorOf(user), AuditActions.SignedIn, "account", user.Id, null, $"Signed in ({how})", cancellationToken: ct);

    /// <summary>A failed attempt; <paramref name="user"/> is null when no account has the address typed.</summary>
    public Task FailedAsync(string emailTyped, HavenUser? user, string why, CancellationToken ct) =>
        audit.WriteNowAsync(Actor.Anonymous(Ip()), AuditActions.SignInFailed, "account", user?.Id ?? "", null,
            $"Failed sign-in as {emailTyped}: {why}", cancellationToken: ct);

    public Task WriteAsync(HavenUser user, string action, string summary, CancellationToken ct) =>
        audit.WriteNowAsync(ActorOf(user), action, "account", user.Id, null, summary, cancellationToken: ct);

    private Actor ActorOf(HavenUser user) => new() { UserId = user.Id, Name = user.Email ?? user.UserName ?? user.Id, IpAddress = Ip() };

    private string? Ip() => http.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
