using Haven.Core.Data;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.Resources;

/// <summary>The names of topics, audiences, jurisdictions and organizations by slug, in each interface language,
/// cached between requests: reading the four tables was a tenth of a search request's time, and with every county
/// loaded the jurisdictions alone are thousands of rows.</summary>
/// <remarks>A cached set is used while the search change log has not moved (every library request has just read its
/// newest id) and for at most <see cref="MaxAge"/>. A facet value only shows once a resource carrying it has been
/// indexed, which moves the log, so new values always find their names; a change of name reaches every instance within
/// <see cref="MaxAge"/>, or at once when it also writes change rows for the resources concerned.</remarks>
public sealed class TaxonomyLabels(IClock clock)
{
    public static readonly Duration MaxAge = Duration.FromSeconds(60);

    private Snapshot? _snapshot;

    public async Task<TaxonomyLabelSet> GetAsync(HavenDbContext db, long changeLogVersion, string language, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || snapshot.Version != changeLogVersion || now - snapshot.LoadedAt > MaxAge)
        {
            snapshot = await LoadAsync(db, changeLogVersion, now, ct);
            Volatile.Write(ref _snapshot, snapshot);
        }

        return snapshot.ByLanguage.TryGetValue(language, out var set) ? set : snapshot.ByLanguage[Languages.English];
    }

    private static async Task<Snapshot> LoadAsync(HavenDbContext db, long version, Instant now, CancellationToken ct)
    {
        var topics = await db.Topics.AsNoTracking().Select(t => new Named(t.Slug, t.Name, t.NameEs)).ToListAsync(ct);
        var audiences = await db.Audiences.AsNoTracking().Select(a => new Named(a.Slug, a.Name, a.NameEs)).ToListAsync(ct);
        var jurisdictions = await db.Jurisdictions.AsNoTracking().Select(j => new Named(j.Slug, j.Name, j.Name)).ToListAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().Select(o => new Named(o.Slug, o.Name, o.Name)).ToListAsync(ct);
        // Jurisdiction and organization names are proper names, the same in every language.
        var jurisdictionNames = jurisdictions.ToDictionary(j => j.Slug, j => j.Name, StringComparer.Ordinal);
        var organizationNames = organizations.ToDictionary(o => o.Slug, o => o.Name, StringComparer.Ordinal);
        var byLanguage = Languages.Interface.ToDictionary(
            language => language,
            language => new TaxonomyLabelSet(
                topics.ToDictionary(t => t.Slug, t => t.NameIn(language), StringComparer.Ordinal),
                audiences.ToDictionary(a => a.Slug, a => a.NameIn(language), StringComparer.Ordinal),
                jurisdictionNames,
                organizationNames));
        return new Snapshot(version, now, byLanguage);
    }

    /// <summary>Drops the cached names (a topic, audience, jurisdiction or organization changed on some instance:
    /// ScaleOut/ContentChangeSubscribers); the next request reads them again.</summary>
    public void Forget() => Volatile.Write(ref _snapshot, null);

    private sealed record Snapshot(long Version, Instant LoadedAt, IReadOnlyDictionary<string, TaxonomyLabelSet> ByLanguage);

    private sealed record Named(string Slug, string Name, string NameEs) : ILocalizedName;
}

/// <summary>Names by slug in one interface language.</summary>
public sealed record TaxonomyLabelSet(
    IReadOnlyDictionary<string, string> Topics,
    IReadOnlyDictionary<string, string> Audiences,
    IReadOnlyDictionary<string, string> Jurisdictions,
    IReadOnlyDictionary<string, string> Organizations);
