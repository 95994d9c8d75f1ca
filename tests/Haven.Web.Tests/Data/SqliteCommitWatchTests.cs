using AwesomeAssertions;
using Haven.Core.Data;
using Haven.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace Haven.Web.Tests.Data;

/// <summary>The watch on a real SQLite file in write-ahead mode, as the site opens it.</summary>
public sealed class SqliteCommitWatchTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "haven-tests", "watch-" + Guid.NewGuid().ToString("N"));
    private string File => Path.Combine(_folder, "haven.db");
    private string ConnectionString => $"Data Source={File}";

    public SqliteCommitWatchTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void The_number_stays_while_nothing_is_committed_and_moves_with_every_commit_of_another_connection()
    {
        Execute("PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER);");
        var watch = (SqliteCommitWatch)SqliteCommitWatch.For(ConnectionString);
        using var _ = watch;

        var first = watch.Read();
        first.Should().NotBeNull();
        watch.Read().Should().Be(first);
        Execute("SELECT count(*) FROM t;");
        watch.Read().Should().Be(first, "a read commits nothing");

        Execute("INSERT INTO t VALUES (1);");
        var second = watch.Read();
        second.Should().NotBe(first);
        watch.Read().Should().Be(second);

        Execute("BEGIN; INSERT INTO t VALUES (2); ROLLBACK;");
        watch.Read().Should().Be(second, "a rolled-back transaction commits nothing");

        // A commit from a connection with a pool of its own: another part of the process, or another process.
        using (var other = new SqliteConnection(ConnectionString + ";Pooling=False"))
        {
            other.Open();
            using var insert = other.CreateCommand();
            insert.CommandText = "INSERT INTO t VALUES (3);";
            insert.ExecuteNonQuery();
        }

        watch.Read().Should().NotBe(second);
    }

    [Fact]
    public void A_database_not_created_yet_cannot_be_told_and_is_not_created_by_asking()
    {
        var watch = (SqliteCommitWatch)SqliteCommitWatch.For(ConnectionString);
        using var _ = watch;

        watch.Read().Should().BeNull();
        System.IO.File.Exists(File).Should().BeFalse();

        Execute("PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER);");
        watch.Read().Should().NotBeNull("the next call tries again");
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared")]
    public void An_in_memory_database_is_not_watched(string connectionString)
    {
        var watch = SqliteCommitWatch.For(connectionString);
        watch.Should().BeSameAs(NoCommitWatch.Instance);
        watch.Read().Should().BeNull();
    }

    [Fact]
    public void A_disposed_watch_cannot_tell()
    {
        Execute("CREATE TABLE t (x INTEGER);");
        var watch = (SqliteCommitWatch)SqliteCommitWatch.For(ConnectionString);
        watch.Read().Should().NotBeNull();
        watch.Dispose();
        watch.Read().Should().BeNull();
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
