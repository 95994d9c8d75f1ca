using Haven.Core.Data;
using Haven.Core.Mail;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Mail;

/// <summary>`haven mail test --to ADDRESS`: queues one message through the outbox and sends it at once, so an operator
/// can check the SMTP settings (or see where the .eml files go without them).</summary>
public static class MailTestCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var i = Array.IndexOf(args, "--to");
        var to = i >= 0 && i + 1 < args.Length ? args[i + 1].Trim() : null;
        if (!EmailAddress.IsValid(to))
        {
            Console.Error.WriteLine("Give the address to send the test message to: haven mail test --to someone@example.org");
            return 2;
        }

        var db = services.GetRequiredService<HavenDbContext>();
        await db.Database.MigrateAsync();
        var transport = services.GetRequiredService<IMailTransport>();
        var site = services.GetRequiredService<SiteSettings>();
        var now = services.GetRequiredService<IClock>().GetCurrentInstant();
        var queued = services.GetRequiredService<MailOutbox>().Queue(new Email(new EmailAddress(to!), $"Test message from {site.Name}",
            $"""
            This is a test message from {site.Name}, sent with `haven mail test` to check its mail settings.

            It went through {transport.Description}, queued at {now} (UTC).
            """));
        await db.SaveChangesAsync();

        var message = await services.GetRequiredService<MailDispatcher>().SendNowAsync(queued.Id);
        switch (message)
        {
            case null:
                Console.WriteLine($"Queued test message {queued.Id}; a running instance picked it up first and is sending it.");
                return 0;
            case { Status: OutboxStatus.Sent }:
                Console.WriteLine($"Sent a test message to {to} through {transport.Description}.");
                return 0;
            default:
                Console.Error.WriteLine($"Could not send through {transport.Description}: {message.LastError}");
                Console.Error.WriteLine($"The message stays in the outbox (id {message.Id}); a running site retries it from {message.NextAttemptAt}.");
                return 1;
        }
    }
}
