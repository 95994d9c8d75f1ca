using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Subscriptions;

/// <summary>Sends what is newly public to the confirmed subscriptions it matches: immediate subscriptions on every run,
/// digests when <see cref="DigestSchedule"/> says they are due. An item counts only if it became public after the
/// subscriber confirmed, and only while it is still public. Each subscription's delivery rows (unique on subscription,
/// kind and item) and its letter are written by one SaveChanges, so a second run or instance collides and sends
/// nothing twice.</summary>
public sealed class SendSubscriptionMail(HavenDbContext db, SubscriptionMail mail, IClock clock, SiteSettings site)
{
    /// <summary>How far back the job looks for newly public items (a weekly digest and some slack).</summary>
    public static readonly Duration Lookback = Duration.FromDays(14);

    /// <returns>How many letters were queued.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var schedule = new DigestSchedule(site.Zone);
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.ConfirmedAt != null).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var due = subscriptions.Where(s => schedule.IsDue(s.Frequency, s.LastDigestAt ?? s.ConfirmedAt!.Value, now)).ToList();
        if (due.Count == 0) return 0;

        var from = Instant.Max(due.Min(s => s.ConfirmedAt!.Value), now - Lookback);
        var items = await NewlyPublicAsync(from, now, cancellationToken);
        if (items.Count == 0 && due.All(s => s.Frequency == SubscriptionFrequency.Immediate)) return 0;
        var ids = due.Select(s => s.Id).ToList();
        var delivered = (await db.SubscriptionDeliveries.AsNoTracking()
                .Where(d => ids.Contains(d.SubscriptionId) && d.SentAt >= from)
                .Select(d => new { d.SubscriptionId, d.ItemKind, d.ItemId }).ToListAsync(cancellationToken))
            .Select(d => (d.SubscriptionId, d.ItemKind, d.ItemId)).ToHashSet();

        var queued = 0;
        foreach (var subscription in due)
        {
            var interests = subscription.Interests;
            var mine = items.Where(i => i.PublicSince > subscription.ConfirmedAt && interests.Matches(i)
                    && !delivered.Contains((subscription.Id, i.Kind, i.Id)))
                .ToList();
            if (subscription.Frequency != SubscriptionFrequency.Immediate)
            {
                // The digest's moment has come even when there is nothing to send: the next one counts from now.
                if (mine.Count == 0)
                {
                    await db.Subscriptions.Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastDigestAt, now), cancellationToken);
                    continue;
                }
            }
            else if (mine.Count == 0) continue;
            queued += await SendAsync(subscription, mine, now, cancellationToken);
        }
        return queued;
    }

    private async Task<int> SendAsync(Subscription subscription, List<SubscriptionItem> items, Instant now, CancellationToken cancellationToken)
    {
        db.Subscriptions.Attach(subscription);
        if (subscription.Frequency != SubscriptionFrequency.Immediate) subscription.LastDigestAt = now;
        foreach (var item in items)
            db.SubscriptionDeliveries.Add(new SubscriptionDelivery { SubscriptionId = subscription.Id, ItemKind = item.Kind, ItemId = item.Id, SentAt = now });
        mail.Send(subscription, SubscriptionLetterKind.Items, items);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return 1;
        }
        catch (DbUpdateException)
        {
            // Another run or instance delivered (some of) these first: its rows and its letter are there. (Or the
            // subscriber unsubscribed meanwhile: nothing to send then either.)
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Resources, events and posts that are public at <paramref name="now"/> and became so after
    /// <paramref name="from"/>, oldest first.</summary>
    public async Task<List<SubscriptionItem>> NewlyPublicAsync(Instant from, Instant now, CancellationToken cancellationToken = default)
    {
        var resources = await db.Resources.AsNoTracking()
            .Where(r => (r.Status == ResourceStatus.Published || r.Status == ResourceStatus.Scheduled) && r.PublishAt != null
                && r.PublishAt <= now && r.PublishAt > from)
            .Select(r => new
            {
                r.Id, r.Title, r.Slug, PublishAt = r.PublishAt!.Value, r.OwnerOrganizationId,
                Topics = r.Topics.Select(t => t.Slug).ToList(), Jurisdictions = r.Jurisdictions.Select(j => j.Id).ToList(),
            })
            .ToListAsync(cancellationToken);
        // An event went public when it first left draft; a post then too, or at its embargo's end if that is later.
        // Edits afterwards do not make them new again.
        var events = await db.Events.AsNoTracking()
            .Where(e => !e.IsDraft && e.Status == EventStatus.Scheduled && e.StartsAt > now
                && (e.PublishedAt ?? e.CreatedAt) > from && (e.PublishedAt ?? e.CreatedAt) <= now)
            .Select(e => new { e.Id, e.Title, e.Slug, PublicSince = e.PublishedAt ?? e.CreatedAt, e.OwnerOrganizationId, e.Kind, Topics = e.Topics.Select(t => t.Slug).ToList() })
            .ToListAsync(cancellationToken);
        var posts = await db.Posts.AsNoTracking()
            .Where(p => !p.IsDraft && (p.EmbargoUntil == null || p.EmbargoUntil <= now)
                && (((p.PublishedAt ?? p.CreatedAt) > from && (p.PublishedAt ?? p.CreatedAt) <= now) || (p.EmbargoUntil != null && p.EmbargoUntil > from)))
            .Select(p => new { p.Id, p.Title, p.Slug, Published = p.PublishedAt ?? p.CreatedAt, p.EmbargoUntil, p.OwnerOrganizationId, Topics = p.Topics.Select(t => t.Slug).ToList() })
            .ToListAsync(cancellationToken);
        return resources.Select(r => new SubscriptionItem(ItemKind.Resource, r.Id, r.Title, r.Slug, r.PublishAt, r.Topics, r.Jurisdictions, r.OwnerOrganizationId))
            .Concat(events.Select(e => new SubscriptionItem(ItemKind.Event, e.Id, e.Title, e.Slug, e.PublicSince, e.Topics, [], e.OwnerOrganizationId, e.Kind)))
            .Concat(posts.Select(p => new SubscriptionItem(ItemKind.Post, p.Id, p.Title, p.Slug,
                p.EmbargoUntil is { } embargo && embargo > p.Published ? embargo : p.Published, p.Topics, [], p.OwnerOrganizationId)))
            .OrderBy(i => i.PublicSince).ThenBy(i => i.Kind).ThenBy(i => i.Id)
            .ToList();
    }
}
