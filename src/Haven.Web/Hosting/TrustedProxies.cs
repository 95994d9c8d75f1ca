using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Haven.Web.Hosting;

/// <summary>Behind a reverse proxy that terminates TLS, the site sees plain HTTP from the proxy's address: cookies
/// would lose their Secure flag and every visitor would share the proxy's sign-in rate limit. Listing the proxies in
/// <c>Haven:TrustedProxies</c> (addresses or networks, "10.0.0.0/8") makes the site read X-Forwarded-For and
/// X-Forwarded-Proto from them, and only from them.</summary>
public static class TrustedProxies
{
    public static IReadOnlyList<string> From(IConfiguration configuration) =>
        configuration.GetSection("Haven:TrustedProxies").GetChildren().Select(c => c.Value).OfType<string>()
            .Concat((configuration["Haven:TrustedProxies"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().ToList();

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IReadOnlyList<string> proxies) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal))
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                else
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
}
