using Haven.Core.Events;
using Microsoft.AspNetCore.Http;

namespace Haven.Web.Events;

/// <summary>The events list's narrowing (kind, topic, host organization, language), read from the query string and
/// applied to a query of events. Shared by the events page and its Atom feed so both select alike.</summary>
public sealed record EventFilter(EventKind? Kind, string Topic, string Organization, string Language)
{
    public bool IsEmpty => Kind is null && Topic.Length == 0 && Organization.Length == 0 && Language.Length == 0;

    public static EventFilter FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new EventFilter(EventLabels.KindFromParameter(query["kind"]), query["topic"].ToString().Trim(),
            query["organization"].ToString().Trim(), query["language"].ToString().Trim());
    }

    public IQueryable<Event> Apply(IQueryable<Event> events)
    {
        if (Kind is { } kind) events = events.Where(e => e.Kind == kind);
        if (Topic.Length > 0) events = events.Where(e => e.Topics.Any(t => t.Slug == Topic));
        if (Organization.Length > 0) events = events.Where(e => e.Hosts.Any(h => h.Organization.Slug == Organization));
        if (Language.Length > 0) events = events.Where(e => e.Language == Language);
        return events;
    }

    /// <summary>The filter's parameters, in the order the events page writes them.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Parameters()
    {
        if (Kind is { } kind) yield return new("kind", kind.Parameter());
        if (Topic.Length > 0) yield return new("topic", Topic);
        if (Organization.Length > 0) yield return new("organization", Organization);
        if (Language.Length > 0) yield return new("language", Language);
    }

    /// <summary>"?kind=...&amp;topic=..." or "".</summary>
    public string ToQueryString() => QueryString.Create(Parameters()).ToUriComponent();
}
