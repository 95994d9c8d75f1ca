using Haven.Core.Data;
using Haven.Core.Mail;
using Haven.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Mail;

/// <summary>Registers mail: the outbox use cases queue through, the transport (SMTP when a host is configured, the
/// pickup folder otherwise), the dispatcher, and the interceptor that wakes it after a commit.</summary>
public static class MailServices
{
    public static IServiceCollection AddHavenMail(this IServiceCollection services, IConfiguration configuration, HavenOptions options)
    {
        var mail = configuration.GetSection("Haven:Mail").Get<MailSettings>() ?? new MailSettings();
        var smtp = configuration.GetSection("Haven:Mail:Smtp").Get<SmtpSettings>() ?? new SmtpSettings();
        // Found at start-up rather than as a failure of every request that sends mail.
        if (!EmailAddress.IsValid(mail.FromAddress))
            throw new InvalidOperationException($"Haven:Mail:FromAddress \"{mail.FromAddress}\" is not an email address.");
        services.AddSingleton(mail);
        services.AddSingleton(smtp);
        services.AddScoped<MailOutbox>();

        if (smtp.IsConfigured)
            services.AddSingleton<IMailTransport>(new SmtpTransport(smtp));
        else
            services.AddSingleton<IMailTransport>(sp => new PickupFolderTransport(Path.Combine(options.FullDataPath, "mail")));

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxCommitWatcher>();
        services.ConfigureDbContext<HavenDbContext>((sp, db) => db.AddInterceptors(sp.GetRequiredService<OutboxCommitWatcher>()));
        services.AddSingleton<MailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<MailDispatcher>());
        return services;
    }
}
