using Haven.Core.Data;
using Haven.Core.News;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.News;

/// <summary>A post's page. Before it is public (a draft, or under embargo) it is 404 for everyone but the publishing
/// organization's editors, who see a preview under a banner saying why readers cannot; the preview is never stored
/// by a cache.</summary>
public sealed class ShowModel(HavenDbContext db, IClock clock, CurrentActor currentActor, SiteSettings site,
    Haven.Web.Comments.CommentSections comments) : PageModel
{
    /// <summary>The comments, when the post is public and has them on.</summary>
    public Haven.Web.Comments.CommentSection? Comments { get; private set; }
    public Post Post { get; private set; } = null!;
    /// <summary>The post is not public yet: this is the editors' preview.</summary>
    public bool IsPreview { get; private set; }
    public bool IsEmbargoed { get; private set; }
    public bool CanEdit { get; private set; }
    public DateTimeZone Zone => site.Zone;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var post = await db.Posts.AsNoTracking()
            .Include(p => p.OwnerOrganization)
            .Include(p => p.Author).ThenInclude(a => a!.Organization)
            .Include(p => p.Topics)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (post is null) return NotFound();
        var now = clock.GetCurrentInstant();
        var isPublic = post.IsPublicAt(now);
        // Only signed-in visitors are asked who they are; the public page needs no actor.
        CanEdit = User.Identity?.IsAuthenticated == true && (await currentActor.GetAsync(cancellationToken)).CanEdit(post);
        if (!isPublic && !CanEdit) return NotFound();
        if (!isPublic) Response.Headers.CacheControl = "private, no-store";
        Post = post;
        IsPreview = !isPublic;
        IsEmbargoed = post.IsEmbargoedAt(now);
        if (isPublic && post.CommentsEnabled)
            Comments = await comments.ForPageAsync(Haven.Core.Comments.CommentSubjectKind.Post, post.Id, Request, cancellationToken);
        return Page();
    }
}
