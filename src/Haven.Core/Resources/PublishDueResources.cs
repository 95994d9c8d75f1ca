using Haven.Core.Data;
using Haven.Core.Search;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Resources;

/// <summary>Publishes scheduled resources whose time has come, and logs the change so search indexes include them.</summary>
public sealed class PublishDueResources(HavenDbContext db, IClock clock)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var due = await db.Resources.Where(r => r.Status == ResourceStatus.Scheduled && r.PublishAt <= now).ToListAsync(cancellationToken);
        foreach (var resource in due)
        {
            if (!resource.PublishIfDue(now)) continue;
            resource.Revision++;
            db.SearchIndexChanges.Add(new SearchIndexChange { ResourceId = resource.Id, At = now });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance, or an editor, got there first; the next run sees their result.
            return 0;
        }
        return due.Count;
    }
}
