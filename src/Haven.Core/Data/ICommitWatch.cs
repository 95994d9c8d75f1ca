namespace Haven.Core.Data;

/// <summary>Tells, without a query, that nothing has been committed to the database since an earlier look: every search
/// asks the database for its newest change first, and most of the time nothing has changed.</summary>
public interface ICommitWatch
{
    /// <summary>A number that stays the same between two calls only if no connection committed anything in between;
    /// null when this database cannot tell, and the caller must ask the database itself.</summary>
    long? Read();
}

/// <summary>For databases with no cheap way to tell (PostgreSQL: any answer is a round trip, as costly as the query).</summary>
public sealed class NoCommitWatch : ICommitWatch
{
    public static readonly NoCommitWatch Instance = new();

    private NoCommitWatch()
    {
    }

    public long? Read() => null;
}
