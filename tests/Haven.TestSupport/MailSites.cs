using Haven.Core.Data;
using Haven.Core.Mail;
using Haven.Web.Hosting;
using Haven.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Haven.TestSupport;

/// <summary>A site whose mail goes to a real SMTP server (<see cref="TestSmtpServer"/>) started with it, for xunit
/// class fixtures.</summary>
public class SiteWithSmtp(DatabaseProvider provider) : HavenFactory(provider), IAsyncLifetime
{
    public const string FromAddress = "coalition@haven.example.org";
    public const string FromName = "Test Coalition";

    public TestSmtpServer Smtp { get; } = new();

    public async ValueTask InitializeAsync()
    {
        this.UseSmtp(Smtp);
        await Smtp.StartAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSiteWithSmtp() : SiteWithSmtp(DatabaseProvider.Sqlite);

public sealed class PostgresSiteWithSmtp() : SiteWithSmtp(DatabaseProvider.Postgres);

/// <summary>Mail arranged and inspected through the site's real services.</summary>
public static class MailSites
{
    /// <summary>Points the site at <paramref name="smtp"/> (plain SMTP on loopback), with a known From; call before the site starts.</summary>
    public static void UseSmtp(this HavenFactory site, TestSmtpServer smtp)
    {
        site.Settings["Haven:Mail:Smtp:Host"] = smtp.Host;
        site.Settings["Haven:Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        site.Settings["Haven:Mail:Smtp:Security"] = nameof(SmtpSecurity.None);
        site.Settings["Haven:Mail:FromAddress"] = SiteWithSmtp.FromAddress;
        site.Settings["Haven:Mail:FromName"] = SiteWithSmtp.FromName;
    }

    /// <summary>Queues <paramref name="email"/> and saves, the way a use case does without a transaction of its own.</summary>
    public static async Task<OutboxMessage> QueueMailAsync(this HavenFactory site, Email email)
    {
        await using var scope = site.Scope();
        var message = scope.ServiceProvider.GetRequiredService<MailOutbox>().Queue(email);
        await scope.ServiceProvider.GetRequiredService<HavenDbContext>().SaveChangesAsync();
        return message;
    }

    public static Task<OutboxMessage> OutboxMessageAsync(this HavenFactory site, long id) =>
        site.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>Waits until the site's dispatcher has recorded what <paramref name="until"/> describes on message <paramref name="id"/>.</summary>
    public static async Task<OutboxMessage> WaitForOutboxAsync(this HavenFactory site, long id, Func<OutboxMessage, bool> until, TimeSpan? timeout = null)
    {
        OutboxMessage? message = null;
        await Poll.UntilAsync(async () => until(message = await site.OutboxMessageAsync(id)), timeout,
            () => $"outbox message {id} to change; it is {message?.Status} after {message?.Attempts} attempts ({message?.LastError})");
        return message!;
    }

    /// <summary>Wakes the site's dispatcher, as a commit that queued mail does.</summary>
    public static void WakeMailDispatcher(this HavenFactory site) => site.Services.GetRequiredService<OutboxSignal>().Ring();

    /// <summary>Runs one pass of the site's dispatcher now and returns how many messages it sent.</summary>
    public static Task<int> SendDueMailAsync(this HavenFactory site) => site.Services.GetRequiredService<MailDispatcher>().SendDueAsync();
}
