using Haven.Core.Resources;

namespace Haven.Web.Resources;

public static class ResourceCsvServices
{
    /// <summary>CSV import and export of resources: the import use case (its pages are under /admin/resources).</summary>
    public static IServiceCollection AddHavenResourceCsv(this IServiceCollection services)
    {
        services.AddScoped<ImportResources>();
        return services;
    }
}
