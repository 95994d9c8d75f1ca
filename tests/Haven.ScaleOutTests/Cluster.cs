using System.Diagnostics;
using System.Net;
using Haven.TestSupport;
using Haven.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.ScaleOutTests;

/// <summary>The cluster of deploy/local-cluster.sh (PostgreSQL, Redis, two Haven instances, nginx in front), started
/// once for the test class with its mail going to a <see cref="TestSmtpServer"/>, and a Haven service provider on the
/// same database (built, never started) for arranging data the way the other tests' factories do.</summary>
public sealed class Cluster : IAsyncLifetime
{
    public static readonly string Root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "haven-cluster-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication? _services;

    public TestSmtpServer Smtp { get; } = new();
    public Uri Nginx { get; private set; } = null!;
    public Uri InstanceA { get; private set; } = null!;
    public Uri InstanceB { get; private set; } = null!;
    public string PortA { get; private set; } = "";
    public string PortB { get; private set; } = "";
    public IServiceProvider Services => _services!.Services;

    public async ValueTask InitializeAsync()
    {
        await Smtp.StartAsync();
        var dll = Path.Combine(Root, "src/Haven.Web/bin", Configuration, "net10.0/haven.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build Haven.Web first: {dll} is missing.");
        await RunScriptAsync("start", new Dictionary<string, string>
        {
            ["HAVEN_DLL"] = dll,
            ["HAVEN_SMTP_PORT"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Haven__RateLimits__RegistrationsPerMinute"] = "100000",
            ["Haven__RateLimits__SignInPerMinute"] = "1000",
            ["Haven__Mail__FromAddress"] = SiteWithSmtp.FromAddress,
            ["Haven__Bench__Plaintext"] = "true",
        });
        var env = File.ReadAllLines(Path.Combine(_dir, "cluster.env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Nginx = new Uri($"http://127.0.0.1:{env["NGINX_PORT"]}");
        PortA = env["A_PORT"];
        PortB = env["B_PORT"];
        InstanceA = new Uri($"http://127.0.0.1:{PortA}");
        InstanceB = new Uri($"http://127.0.0.1:{PortB}");
        _services = HavenHost.Build([
            $"--ConnectionStrings:Postgres=Host=127.0.0.1;Port={env["PG_PORT"]};Username=postgres;Database=haven",
            $"--Haven:DataPath={Path.Combine(_dir, "arrange")}",
            "--Haven:LoadDemoContent=false",
            $"--Haven:Mail:FromAddress={SiteWithSmtp.FromAddress}",
        ]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        try
        {
            await RunScriptAsync("stop", []);
        }
        finally
        {
            await Smtp.DisposeAsync();
        }
    }

    public Task KillAsync(string instance) => RunScriptAsync($"kill {instance}", []);

    /// <summary>Restarts an instance and waits until nginx sends it requests again: nginx keeps a failed upstream out
    /// for its fail_timeout, so a test that follows would otherwise see every request go to the other instance.</summary>
    public async Task RestartAsync(string instance)
    {
        await RunScriptAsync($"restart {instance}", []);
        var address = "127.0.0.1:" + (instance == "a" ? PortA : PortB);
        using var client = Client(Nginx);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < until)
        {
            using var response = await client.GetAsync("/healthz");
            if (response.Headers.TryGetValues("X-Haven-Upstream", out var upstream) && upstream.Contains(address)) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"nginx did not send requests to the restarted instance {instance} within 30 s");
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>A client that keeps cookies (one jar for the whole of 127.0.0.1, so a cookie set through nginx is sent
    /// to either instance as well) and does not follow redirects.</summary>
    public HttpClient Client(Uri? baseAddress = null, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = baseAddress ?? Nginx,
            Timeout = TimeSpan.FromSeconds(60),
        };

    private async Task RunScriptAsync(string arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", $"{Path.Combine(Root, "deploy/local-cluster.sh")} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HAVEN_CLUSTER_DIR"] = _dir;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"local-cluster.sh {arguments} failed ({process.ExitCode}): {await output}\n{await error}");
    }
}
