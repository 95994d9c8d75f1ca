using Haven.Core.Bills;

namespace Haven.Web.Bills;

public static class BillServices
{
    /// <summary>Bills and positions: the use cases, the queries the pages share and the demo loader.</summary>
    public static IServiceCollection AddHavenBills(this IServiceCollection services)
    {
        services.AddScoped<SaveBill>();
        services.AddScoped<StateBillPosition>();
        services.AddScoped<LinkBills>();
        services.AddScoped<BillLinks>();
        services.AddScoped<Demo.DemoBills>();
        return services;
    }
}
