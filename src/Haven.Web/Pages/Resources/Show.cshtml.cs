using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.Resources;

public sealed class ShowModel(HavenDbContext db, IClock clock, SiteSettings site, Haven.Web.Accounts.CurrentActor currentActor,
    Haven.Core.Bills.BillLinks billLinks, Haven.Web.Comments.CommentSections comments) : PageModel
{
    /// <summary>The comments, when the resource is public and has them on.</summary>
    public Haven.Web.Comments.CommentSection? Comments { get; private set; }
    public Resource Resource { get; private set; } = null!;
    /// <summary>The newest resource in the chain that replaced this one, if any.</summary>
    public (string Slug, string Title)? Current { get; private set; }
    public (string Slug, string Title)? Replaces { get; private set; }
    public IReadOnlyList<(string Slug, string Title, string Language)> Translations { get; private set; } = [];
    public bool IsPastReviewAge { get; private set; }
    public bool IsPublic { get; private set; }
    /// <summary>The bills the resource concerns, with the positions taken on them.</summary>
    public IReadOnlyList<Haven.Core.Bills.Bill> Bills { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var resource = await db.Resources.AsNoTracking()
            .Include(r => r.Authors.OrderBy(a => a.Position)).ThenInclude(a => a.Organization)
            .Include(r => r.Topics).Include(r => r.Audiences).Include(r => r.Jurisdictions)
            .Include(r => r.Attachments.OrderBy(a => a.Position)).Include(r => r.Links.OrderBy(l => l.Position))
            .Include(r => r.Supersedes).Include(r => r.SupersededBy)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Slug == slug, cancellationToken);
        var now = clock.GetCurrentInstant();
        if (resource is null) return NotFound();
        IsPublic = resource.IsPublicAt(now);
        // Drafts are visible (as a preview) to the editors of the organizations that own or co-author them; to
        // everyone else they do not exist.
        if (!IsPublic && !(await currentActor.GetAsync(cancellationToken)).CanSee(resource)) return NotFound();
        Resource = resource;

        if (resource.SupersededBy is { } next)
        {
            var cursor = next;
            // Follow the chain to its newest public link, so readers land on what is current today.
            for (var steps = 0; steps < 100; steps++)
            {
                var newer = await db.Resources.AsNoTracking().Where(r => r.SupersedesId == cursor.Id).FirstOrDefaultAsync(cancellationToken);
                if (newer is null || !newer.IsPublicAt(now)) break;
                cursor = newer;
            }
            if (cursor.IsPublicAt(now)) Current = (cursor.Slug, cursor.Title);
        }
        if (resource.Supersedes is { } older && older.IsPublicAt(now)) Replaces = (older.Slug, older.Title);

        var siblings = await db.Resources.AsNoTracking()
            .Where(r => r.WorkId == resource.WorkId && r.Id != resource.Id)
            .OrderBy(r => r.Language)
            .ToListAsync(cancellationToken);
        Translations = siblings.Where(r => r.IsPublicAt(now)).Select(r => (r.Slug, r.Title, r.Language)).ToList();
        Bills = await billLinks.OfResourceAsync(resource.Id, cancellationToken);
        IsPastReviewAge = Current is null && resource.IsPastReviewAge(now.InZone(site.Zone).Date);
        if (IsPublic && resource.CommentsEnabled)
            Comments = await comments.ForPageAsync(Haven.Core.Comments.CommentSubjectKind.Resource, resource.Id, Request, cancellationToken);
        return Page();
    }
}
