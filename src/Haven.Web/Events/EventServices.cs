using Haven.Core.Events;
using Haven.Web.Hosting;
using Haven.Web.Mail;

namespace Haven.Web.Events;

public static class EventServices
{
    /// <summary>Events and registration: the use cases, registration mail, reminders and the retention sweep.</summary>
    public static IServiceCollection AddHavenEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<SaveEvent>();
        services.AddScoped<RegisterForEvent>();
        services.AddSingleton<RegistrationQueue>();
        services.AddSingleton<RegistrationEventCache>();
        services.AddScoped<CancelRegistration>();
        services.AddScoped<ManageRegistrations>();
        services.AddScoped<ChangeRegistration>();
        services.AddScoped<EraseExpiredRegistrations>();
        services.AddScoped<SendDueReminders>();
        services.AddScoped<RegistrationMail>();
        services.AddScoped<IRegistrationLetters, RegistrationLetterWriter>();
        services.AddSingleton<SiteOrigin>();
        services.AddSingleton(RegistrationRetention.SettingsFrom(configuration));
        services.AddHostedService<RegistrationRetention>();
        services.AddHostedService<EventReminders>();
        return services;
    }
}
