using Haven.Web.Hosting;

namespace Haven.TestSupport;

/// <summary>A site on SQLite, for xunit class fixtures.</summary>
public sealed class SqliteSite() : HavenFactory(DatabaseProvider.Sqlite);

/// <summary>A site on PostgreSQL, for xunit class fixtures.</summary>
public sealed class PostgresSite() : HavenFactory(DatabaseProvider.Postgres);

/// <summary>A site on SQLite that loads the demo library and demo policy records at start, as a new installation does.</summary>
public sealed class SqliteDemoSite : HavenFactory
{
    public SqliteDemoSite() : base(DatabaseProvider.Sqlite) => Settings["Haven:LoadDemoContent"] = "true";
}

/// <summary>A site on PostgreSQL that loads the demo library and demo policy records at start.</summary>
public sealed class PostgresDemoSite : HavenFactory
{
    public PostgresDemoSite() : base(DatabaseProvider.Postgres) => Settings["Haven:LoadDemoContent"] = "true";
}

/// <summary>A site on SQLite with the public page cache on (off in every other test site).</summary>
public sealed class CachingSqliteSite : HavenFactory
{
    public CachingSqliteSite() : base(DatabaseProvider.Sqlite) => Settings["Haven:Caching:Enabled"] = "true";
}

/// <summary>A site on PostgreSQL with the public page cache on.</summary>
public sealed class CachingPostgresSite : HavenFactory
{
    public CachingPostgresSite() : base(DatabaseProvider.Postgres) => Settings["Haven:Caching:Enabled"] = "true";
}
