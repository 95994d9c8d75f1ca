using Haven.Core.Campaigns;
using Haven.Web.Mail;

namespace Haven.Web.Campaigns;

public static class CampaignServices
{
    /// <summary>Campaigns and sign-ons: the use cases and endorsement mail.</summary>
    public static IServiceCollection AddHavenCampaigns(this IServiceCollection services)
    {
        services.AddScoped<SaveCampaign>();
        services.AddScoped<SignCampaign>();
        services.AddScoped<ConfirmEndorsement>();
        services.AddScoped<WithdrawEndorsement>();
        services.AddScoped<ModerateEndorsements>();
        services.AddScoped<EndorsementMail>();
        services.AddScoped<IEndorsementLetters, EndorsementLetterWriter>();
        services.AddScoped<Demo.DemoCampaigns>();
        services.AddSingleton<SiteOrigin>();
        return services;
    }
}
