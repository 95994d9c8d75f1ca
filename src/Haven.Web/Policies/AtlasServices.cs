namespace Haven.Web.Policies;

public static class AtlasServices
{
    /// <summary>The atlas (decoded once, at start-up), the map renderer and the jurisdictions import.</summary>
    public static IServiceCollection AddAtlas(this IServiceCollection services)
    {
        services.AddSingleton(_ => UsAtlas.Shared);
        services.AddSingleton<PolicyMap>();
        services.AddScoped<ImportJurisdictions>();
        return services;
    }
}
