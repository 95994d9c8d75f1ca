using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.Organizations;
using Haven.Core.People;
using Haven.Core.Resources;
using Haven.Core.Search;
using Haven.Core.Shared;
using Haven.Core.Text;
using Haven.Search;
using Haven.Web.Campaigns;
using Haven.Web.Caching;
using Haven.Web.Demo;
using Haven.Web.Accounts;
using Haven.Web.Api;
using Haven.Web.Comments;
using Haven.Web.Events;
using Haven.Web.Resources;
using Haven.Web.Feeds;
using Haven.Web.Files;

using Haven.Web.Localization;
using Haven.Web.Mail;
using Haven.Web.News;
using Haven.Web.Policies;
using Haven.Web.WordPress;
using Haven.Web.ScaleOut;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

[assembly: Microsoft.Extensions.Localization.RootNamespace("Haven.Web")]

namespace Haven.Web.Hosting;

/// <summary>Builds the Haven web application: services, then the request pipeline.</summary>
public static class HavenHost
{
    public static WebApplication Build(string[] args)
    {
        // Settings and static files live beside the program, wherever it is started from; relative data paths are
        // taken from the working directory, so `dotnet run` from the repository root keeps data in ./data.
        var builder = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            ? WebApplication.CreateBuilder(args)
            : WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var services = builder.Services;
        // A pasted paragraph in the search box is a long URL; the library shortens it with a notice rather than
        // the server refusing it outright (Kestrel's default request line is 8 KB).
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 96 * 1024;
        });
        var configuration = builder.Configuration;

        var options = configuration.GetSection("Haven").Get<HavenOptions>() ?? new HavenOptions();
        var site = configuration.GetSection("Site").Get<SiteSettings>() ?? new SiteSettings();
        if (!MailLinks.IsOriginOrEmpty(site.PublicUrl))
            throw new InvalidOperationException($"Site:PublicUrl \"{site.PublicUrl}\" is not an origin such as https://haven.example.org (http or https, no path).");
        Directory.CreateDirectory(options.FullDataPath);
        services.AddSingleton(options);
        services.AddSingleton(site);
        var provider = services.AddHavenDatabase(configuration, options);
        services.AddSingleton(new DatabaseInfo(provider));

        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<AttachmentTextExtractor>();
        services.AddSingleton<IFileStore>(new DiskFileStore(options.FilesPath));
        services.AddScoped<SaveResource>();
        services.AddHavenEvents(configuration);
        services.AddHavenResourceCsv();
        services.AddHavenApi();
        services.AddHavenCampaigns();
        services.AddHavenNews();
        services.AddHavenWordPressImport();
        Bills.BillServices.AddHavenBills(services);
        services.AddHavenComments(configuration);
        services.AddHavenBackup();
        Subscriptions.SubscriptionServices.AddHavenSubscriptions(services);
        services.AddHavenOutputCache(configuration);
        Memory.MemoryServices.AddHavenMemory(services);
        services.AddResponseCompression(compression =>
        {
            // BREACH needs a secret that is the same in every response and a reflection of the attacker's input
            // beside it. Haven's only secrets in pages are antiforgery tokens, which data protection encrypts with a
            // fresh IV each time, so compressing over HTTPS gives nothing away (and the county map shrinks fivefold).
            compression.EnableForHttps = true;
            compression.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            compression.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            compression.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml",
                "application/atom+xml", "text/calendar", "text/csv", "application/json", "text/plain"];
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddScoped<Haven.Core.Audit.AuditLog>();
        services.AddDataProtection().SetApplicationName("Haven").PersistKeysToDbContext<HavenDbContext>();
        services.AddHttpContextAccessor();
        services.AddScoped<Accounts.CurrentActor>();
        services.AddScoped<ManageAttachments>();
        services.AddScoped<PublishDueResources>();
        services.AddScoped<SaveOrganization>();
        services.AddScoped<SavePerson>();
        services.AddScoped<DemoContent>();
        services.AddAtlas();
        services.AddScoped<Haven.Core.Policies.SavePolicyRecord>();
        services.AddScoped<Haven.Core.Policies.SavePolicyArea>();
        services.AddScoped<Haven.Core.Taxonomy.SaveCity>();
        services.AddScoped<Haven.Core.Policies.PolicyQueries>();
        services.AddScoped<Haven.Core.Policies.ImportPolicyRecords>();
        services.AddScoped<Demo.DemoPolicies>();

        services.AddSingleton(_ => LuceneResourceIndex.OpenAt(options.SearchIndexPath));
        services.AddSingleton<IResourceIndex>(sp => sp.GetRequiredService<LuceneResourceIndex>());
        services.AddSingleton<IResourceSearch>(sp => sp.GetRequiredService<LuceneResourceIndex>());
        services.AddSingleton<SearchIndexFollower>();
        services.AddSingleton<Pages.Resources.TaxonomyLabels>();
        services.AddSingleton(new Pages.Resources.SearchGate(configuration.GetValue<int?>("Haven:Search:Concurrency") ?? Environment.ProcessorCount));
        services.AddScoped<Pages.Resources.LibrarySearch>();

        services.AddHostedService<StartupTasks>();
        services.AddHostedService<ScheduledPublishing>();
        services.AddHostedService<PendingImportCleanup>();
        services.AddHavenMail(configuration, options);
        services.AddHavenScaleOut(configuration, provider);

        services.AddIdentity<HavenUser, IdentityRole>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "P@ssw0rd1".
                identity.Password.RequiredLength = 12;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequireDigit = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireLowercase = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<HavenDbContext>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/signin";
            cookie.LogoutPath = "/account/signout";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "haven-session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Administrator, policy => policy.RequireRole(Roles.Administrator))
            .AddPolicy(Accounts.Policies.Staff, policy => policy.RequireAuthenticatedUser().AddRequirements(new Accounts.StaffRequirement()));
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Accounts.StaffHandler>();
        services.AddScoped<Accounts.RequireTwoFactorForAdministrators>();
        services.AddScoped<Accounts.SignInAudit>();
        services.AddScoped<Invitations>();
        services.AddScoped<AccountMail>();
        services.AddScoped<Memberships>();
        services.AddScoped<Accounts.RequestPasswordReset>();
        services.AddScoped<Accounts.ResetPassword>();
        // Mailed password-reset links (Identity's data-protection tokens) stop working after this; they also stop
        // once used, since choosing a password changes the security stamp they carry.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = Accounts.RequestPasswordReset.LinkLifespan);
        // Every signed-in request checks the account's security stamp, so "sign out everywhere" and a removed role
        // take effect at once (only staff sign in; readers never pay for it).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddHavenRateLimits(configuration);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "haven-antiforgery";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        var proxies = TrustedProxies.From(configuration);
        services.AddTrustedProxies(proxies);

        services.AddLocalization();
        // Spanish text is written as itself, not as numeric character references: smaller, readable pages.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(pages =>
            {
                // The workspace is for anyone with a role; pages narrow it further. Managing organizations and
                // people is the administrators'.
                pages.Conventions.AuthorizeFolder("/Admin", Accounts.Policies.Staff);
                pages.Conventions.AuthorizeFolder("/Admin/Organizations", Roles.Administrator);
                pages.Conventions.AuthorizeFolder("/Admin/People", Roles.Administrator);
                pages.Conventions.AuthorizeFolder("/Admin/PolicyAreas", Roles.Administrator);
                pages.Conventions.AddFolderApplicationModelConvention("/Admin",
                    model => model.Filters.Add(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(Accounts.RequireTwoFactorForAdministrators))));
                pages.Conventions.AddPageRoute("/Admin/Resources/Edit", "admin/resources/{id:int}/edit");
                pages.Conventions.AddPageRoute("/Admin/Events/Edit", "admin/events/{id:int}/edit");
                pages.Conventions.AddPageRoute("/Admin/Campaigns/Edit", "admin/campaigns/{id:int}/edit");
                pages.Conventions.AddPageRoute("/Admin/Organizations/Edit", "admin/organizations/{id:int}/edit");
                pages.Conventions.AddPageRoute("/Admin/People/Edit", "admin/people/{id:int}/edit");
                pages.Conventions.AddPageRoute("/Admin/PolicyAreas/Edit", "admin/policy-areas/{id:int}/edit");
                pages.Conventions.AddPageRoute("/Admin/Policies/Edit", "admin/policies/{id:int}/edit");
                pages.Conventions.AddPageRoute("/Admin/Jurisdictions/Edit", "admin/jurisdictions/{id:int}/edit");
                pages.Conventions.AddPageRoute("/Admin/Bills/Edit", "admin/bills/{id:int}/edit");
                pages.Conventions.ConfigureFilter(new LanguagePreferenceFilter());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        services.AddHealthChecks().AddDbContextCheck<HavenDbContext>("database");

        var otel = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
        // Telemetry leaves the machine only where an operator points it (no third-party requests by default).
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.WithTracing(tracing => tracing.AddOtlpExporter()).WithMetrics(metrics => metrics.AddOtlpExporter());

        var app = builder.Build();

        // First, so that everything after sees the visitor's address and scheme rather than the proxy's.
        if (proxies.Count > 0)
            app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        app.UseSecurityHeaders();
        app.UseResponseCompression();
        SiteOrigin.UseSiteOrigin(app);
        app.UseInterfaceLanguage();
        // Pages link the stylesheet and scripts with asp-append-version (?v= the file's hash), so a changed file gets a
        // new address: those may be kept a year. The bare address is revalidated (ETag) on each use.
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache",
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        // Again inside the output cache, so that stored pages are stored compressed (one entry per encoding, see
        // PublicPageCache) and a hit is sent as stored; the outer one then leaves the encoded response alone, and
        // still compresses what is answered before routing (static files).
        app.UseResponseCompression();
        app.UseRateLimiter();
        app.MapHealthChecks("/healthz");
        // The benchmarks' yardstick: the same server's cost for a bare answer, through the same pipeline, so bench
        // figures are reported as a ratio to it. Off unless a bench run turns it on.
        if (configuration.GetValue<bool>("Haven:Bench:Plaintext"))
        {
            app.MapGet("/_bench/plaintext", () => Results.Text("Hello, World!", "text/plain"));
            // A bare answer that costs what is asked: `us` microseconds of processor work, then a search page's worth of
            // text. The latency this gets at the bench's concurrency is the floor for any page of that cost, whatever
            // the page does (bench/README.md, "What a page's cost allows").
            app.MapGet("/_bench/work", (int? us) => us is >= 0 and <= BenchWork.MaxMicroseconds
                ? Results.Text(BenchWork.Spin(us.Value), "text/plain")
                : Results.BadRequest($"us must be a whole number of microseconds from 0 to {BenchWork.MaxMicroseconds}."));
            // Methods compiled and milliseconds spent compiling so far: a bench warms up until the JIT's tiering is
            // done (it took minutes on one shared core), so it measures the steady state.
            app.MapGet("/_bench/jit", () => Results.Text(FormattableString.Invariant(
                $"{System.Runtime.JitInfo.GetCompiledMethodCount()} {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0}"), "text/plain"));
        }
        app.MapAttachmentDownloads();
        app.MapImageDownloads();
        app.MapEventCalendars();
        app.MapPolicyEndpoints();
        app.MapFeeds();
        app.MapHavenApi();
        app.MapHavenApiWrites();
        app.MapHavenApiDescription();
        Discovery.DiscoveryEndpoints.MapDiscovery(app);
        app.MapRazorPages();
        return app;
    }
}

/// <summary>Which database this instance runs on.</summary>
public sealed record DatabaseInfo(DatabaseProvider Provider);
