using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.News;
using Haven.Core.Organizations;
using Haven.Core.People;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.News;

/// <summary>Creates and edits posts and press releases: for administrators and editors of the publishing organization.</summary>
public sealed class EditModel(HavenDbContext db, SavePost save, CurrentActor currentActor, SiteSettings site) : PageModel
{
    [BindProperty]
    public PostForm Form { get; set; } = new();

    public Post? Existing { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Saved { get; private set; }
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public IReadOnlyList<Person> People { get; private set; } = [];
    public IReadOnlyList<Topic> AllTopics { get; private set; } = [];
    public Actor Actor { get; private set; } = Actor.Anonymous();
    public string ZoneId => site.Zone.Id;

    public async Task<IActionResult> OnGetAsync(int? id, string? saved, CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        if (id is { } postId)
        {
            if (!await LoadExistingAsync(postId, ct)) return NotFound();
            if (!Actor.CanEdit(Existing!)) return Forbid();
            Form = PostForm.From(Existing!, site.Zone);
            Saved = saved is not null;
        }
        else
        {
            // A new post starts as a draft of the actor's first organization, open to comments.
            Form.OwnerOrganizationId = Actor.Memberships.Keys.Order().Cast<int?>().FirstOrDefault();
            Form.IsDraft = true;
            Form.CommentsEnabled = true;
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (id is { } postId && !await LoadExistingAsync(postId, ct)) return NotFound();
        await LoadChoicesAsync(ct);
        var outcome = await save.RunAsync(new PostEdit
        {
            PostId = id,
            ExpectedRevision = Form.ExpectedRevision,
            Fields = Form.ToFields(),
            Actor = Actor,
        }, ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            if (Problems.Any(p => p.Code == "forbidden")) return Forbid();
            return Page();
        }
        return Redirect(Url.Content($"~/admin/news/{outcome.Value!.Id}") + "?saved=1");
    }

    private async Task<bool> LoadExistingAsync(int id, CancellationToken ct)
    {
        Existing = await db.Posts.AsNoTracking().Include(p => p.Topics).FirstOrDefaultAsync(p => p.Id == id, ct);
        return Existing is not null;
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        var organizations = db.Organizations.AsNoTracking();
        if (!Actor.IsAdministrator)
        {
            var mine = Actor.Memberships.Keys.ToList();
            var current = Existing?.OwnerOrganizationId ?? 0;
            organizations = organizations.Where(o => mine.Contains(o.Id) || o.Id == current);
        }
        Organizations = await organizations.OrderBy(o => o.Name).ToListAsync(ct);
        People = await db.People.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        AllTopics = await db.Topics.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
    }
}
