using Haven.Web.Hosting;

namespace Haven.TestSupport;

/// <summary>A site on SQLite, for xunit class fixtures.</summary>
public sealed class SqliteSite() : HavenFactory(DatabaseProvider.Sqlite);

/// <summary>A site on PostgreSQL, for xunit class fixtures.</summary>
public sealed class PostgresSite() : HavenFactory(DatabaseProvider.Postgres);
