using Haven.Core.Bills;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Bills;

public static class BillServices
{
    /// <summary>Bills and positions: the use cases, the queries the pages share, and the editor's numbered route.</summary>
    public static IServiceCollection AddHavenBills(this IServiceCollection services)
    {
        services.AddScoped<SaveBill>();
        services.AddScoped<StateBillPosition>();
        services.AddScoped<LinkBills>();
        services.AddScoped<BillLinks>();
        services.AddScoped<Demo.DemoBills>();
        services.Configure<RazorPagesOptions>(pages => pages.Conventions.AddPageRoute("/Admin/Bills/Edit", "admin/bills/{id:int}/edit"));
        return services;
    }
}
