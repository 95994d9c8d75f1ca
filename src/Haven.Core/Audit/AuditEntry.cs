using NodaTime;

namespace Haven.Core.Audit;

/// <summary>One line of the append-only audit log: who did what to which thing, when, with the state before and
/// after. Entries are only ever added (the database context refuses to change or delete one).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Instant At { get; set; }
    /// <summary>The account that acted; null for the system or an anonymous visitor (a failed sign-in).</summary>
    public string? ActorId { get; set; }
    /// <summary>The actor's name or email at the time, kept even if the account is later renamed or removed.</summary>
    public string ActorName { get; set; } = "";
    /// <summary>What happened, as a dotted code (<see cref="AuditActions"/>).</summary>
    public required string Action { get; set; }
    /// <summary>The kind of thing acted on ("resource", "account", "organization"...).</summary>
    public string SubjectType { get; set; } = "";
    public string SubjectId { get; set; } = "";
    /// <summary>The organization the thing belongs to, so its lead can see its entries.</summary>
    public int? OrganizationId { get; set; }
    /// <summary>A one-line description for people ("Published “Know your rights”").</summary>
    public string Summary { get; set; } = "";
    /// <summary>JSON of the relevant fields before and after the change; null where there was no before or after.</summary>
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? IpAddress { get; set; }
}
