using Haven.Web.Hosting;

// `haven` serves the site; `haven <command>` runs an administrative command (see Hosting/Commands.cs).
var app = HavenHost.Build(args);
if (Commands.IsCommand(args))
    return await Commands.RunAsync(app, args);
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
