using System.Text;
using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Search;
using Haven.Web.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Hosting;

/// <summary>Administrative commands: `haven admin create`, `haven migrate`, `haven search rebuild`, `haven generate`,
/// `haven jurisdictions import`, `haven resources export|import`, `haven import wordpress`, `haven export`, `haven import-site`, `haven mail test`.</summary>
public static class Commands
{
    private static readonly string[] Names = ["admin", "migrate", "search", "generate", "mail", "jurisdictions", "resources", "import", "export", "import-site", "help", "--help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<HavenDbContext>();
        switch (args)
        {
            case ["migrate", ..]:
                await db.Database.MigrateAsync();
                Console.WriteLine("Database is up to date.");
                return 0;
            case ["admin", "create", ..]:
                await db.Database.MigrateAsync();
                return await CreateAdministratorAsync(services, args[2..]);
            case ["search", "rebuild", ..]:
                await services.GetRequiredService<SearchIndexFollower>().RebuildAsync();
                Console.WriteLine("Search index rebuilt.");
                return 0;
            case ["generate", "--event", ..]:
                await db.Database.MigrateAsync();
                var seats = OptionValue(args, "--seats") is { } seatText && int.TryParse(seatText, out var s) && s > 0 ? s : 100;
                var benchmarkEvent = await BenchmarkEvent.CreateAsync(db, services.GetRequiredService<NodaTime.IClock>(), seats);
                Console.WriteLine(benchmarkEvent.Slug);
                return 0;
            case ["generate", ..]:
                await db.Database.MigrateAsync();
                var count = OptionValue(args, "--count") is { } text && int.TryParse(text, out var n) && n > 0 ? n : 1000;
                var created = await services.GetRequiredService<DemoContent>().GenerateSyntheticAsync(count, Console.Out);
                Console.WriteLine($"Created {created} synthetic resources. Run `haven search rebuild` or start the site to index them.");
                return 0;
            case ["jurisdictions", "import", ..]:
                await db.Database.MigrateAsync();
                var imported = await services.GetRequiredService<Policies.ImportJurisdictions>().RunAsync();
                Console.WriteLine($"Jurisdictions from the atlas: {imported.Added} added, {imported.Completed} completed, {imported.Unchanged} already there.");
                return 0;
            case ["resources", "export", var exportPath, ..]:
                await db.Database.MigrateAsync();
                return await ResourceCsvCommands.ExportAsync(db, exportPath);
            case ["resources", "import", var importPath, ..]:
                await db.Database.MigrateAsync();
                return await ResourceCsvCommands.ImportAsync(services, importPath, args.Contains("--dry-run"));
            case ["import", "wordpress", ..]:
                await db.Database.MigrateAsync();
                return await WordPress.WordPressImportCommand.RunAsync(services, args[2..], Console.Out, Console.Error);
            case ["export", var archivePath, ..]:
                await db.Database.MigrateAsync();
                return await SiteArchiveCommands.ExportAsync(services, archivePath, Console.Out, Console.Error);
            case ["import-site", var restorePath, ..]:
                await db.Database.MigrateAsync();
                return await SiteArchiveCommands.ImportAsync(services, restorePath, Console.Out, Console.Error);
            case ["mail", "test", ..]:
                return await Mail.MailTestCommand.RunAsync(services, args[2..]);
            default:
                Console.WriteLine("""
                    Usage:
                      haven                                   serve the site
                      haven migrate                           apply database migrations
                      haven admin create --email EMAIL [--name NAME] [--password-stdin]
                                                              create an administrator (asks for the password)
                      haven search rebuild                    rebuild this instance's search index
                      haven generate --count N                add N synthetic resources (for benchmarks)
                      haven generate --event --seats N        add an open event with N seats; prints its address
                      haven jurisdictions import              add every state and county of the atlas (safe to repeat)
                      haven resources export FILE             write every resource to a CSV file
                      haven resources import FILE [--dry-run] create and update resources from a CSV file (all or
                                                              nothing; --dry-run only reports what each row would do)
                      haven import wordpress FILE.xml --organization SLUG [--uploads DIR] [--dry-run]
                                                              import a WordPress export (WXR) for an organization
                      haven export FILE.zip                   write the whole site (data and files) to one archive
                                                              (mode 0600: it holds password hashes and keys)
                      haven import-site FILE.zip              restore an archive into a new, empty site (either
                                                              database); refused, with nothing changed, otherwise
                      haven mail test --to EMAIL              send a test message (checks the SMTP settings)
                    """);
                return args[0] is "help" or "--help" ? 0 : 2;
        }
    }

    private static async Task<int> CreateAdministratorAsync(IServiceProvider services, string[] args)
    {
        var email = OptionValue(args, "--email");
        if (string.IsNullOrWhiteSpace(email))
        {
            Console.Error.WriteLine("Give the administrator's email: haven admin create --email someone@example.org");
            return 2;
        }
        var name = OptionValue(args, "--name") ?? email;
        string? password;
        if (args.Contains("--password-stdin"))
        {
            password = Console.In.ReadLine();
        }
        else
        {
            password = ReadSecret("Password: ");
            if (ReadSecret("Repeat the password: ") != password)
            {
                Console.Error.WriteLine("The two passwords differ; nothing was created.");
                return 1;
            }
        }
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("No password given; nothing was created.");
            return 1;
        }

        var users = services.GetRequiredService<UserManager<HavenUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Administrator))
            await roles.CreateAsync(new IdentityRole(Roles.Administrator));
        if (await users.FindByEmailAsync(email) is not null)
        {
            Console.Error.WriteLine($"An account for {email} already exists; nothing was changed.");
            return 1;
        }
        var user = new HavenUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) Console.Error.WriteLine(error.Description);
            Console.Error.WriteLine("Nothing was created.");
            return 1;
        }
        await users.AddToRoleAsync(user, Roles.Administrator);
        Console.WriteLine($"Administrator {email} created. Sign in at /account/signin.");
        return 0;
    }

    private static string? OptionValue(string[] args, string option)
    {
        var i = Array.IndexOf(args, option);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string ReadSecret(string prompt)
    {
        Console.Write(prompt);
        if (Console.IsInputRedirected) return Console.In.ReadLine() ?? "";
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (sb.Length > 0) sb.Length--; }
            else sb.Append(key.KeyChar);
        }
        Console.WriteLine();
        return sb.ToString();
    }
}
