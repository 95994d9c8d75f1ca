using Haven.Core.Comments;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Comments;

/// <summary>The moderation queue: held comments first (oldest first, so none waits forever), filter by status, approve
/// or reject several at once, remove a published one. Moderators and administrators.</summary>
public sealed class IndexModel(HavenDbContext db, CurrentActor currentActor, ModerateComments moderate, CommentSubjects subjects, SiteSettings site) : PageModel
{
    public const int PageSize = 100;

    public sealed record Row(Comment Comment, CommentSubject? Subject);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public CommentStatus Status { get; private set; } = CommentStatus.Held;
    public IReadOnlyDictionary<CommentStatus, int> Counts { get; private set; } = new Dictionary<CommentStatus, int>();
    public bool IsAdministrator { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public SiteSettings Site => site;

    [BindProperty] public List<long> Selected { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CommentStatus? status, int? done, string? did, CancellationToken ct)
    {
        var actor = await currentActor.GetAsync(ct);
        if (!actor.CanModerate) return Forbid();
        if (done is { } n && did is "approved" or "rejected" or "removed")
            Message = did switch { "approved" => "Approved: {0}", "rejected" => "Rejected: {0}", _ => "Removed: {0}" } + "|" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await LoadAsync(actor.IsAdministrator, status ?? CommentStatus.Held, ct);
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(CommentStatus? status, CancellationToken ct) => DecideAsync("approved", status, ct);
    public Task<IActionResult> OnPostRejectAsync(CommentStatus? status, CancellationToken ct) => DecideAsync("rejected", status, ct);
    public Task<IActionResult> OnPostRemoveAsync(CommentStatus? status, CancellationToken ct) => DecideAsync("removed", status, ct);

    private async Task<IActionResult> DecideAsync(string what, CommentStatus? status, CancellationToken ct)
    {
        var actor = await currentActor.GetAsync(ct);
        if (!actor.CanModerate) return Forbid();
        var outcome = what switch
        {
            "approved" => await moderate.ApproveAsync(actor, Selected, ct),
            "rejected" => await moderate.RejectAsync(actor, Selected, ct),
            _ => await moderate.RemoveAsync(actor, Selected, ct),
        };
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            await LoadAsync(actor.IsAdministrator, status ?? CommentStatus.Held, ct);
            return Page();
        }
        return RedirectToPage(new { status = status ?? CommentStatus.Held, done = outcome.Value, did = what });
    }

    private async Task LoadAsync(bool isAdministrator, CommentStatus status, CancellationToken ct)
    {
        IsAdministrator = isAdministrator;
        Status = status;
        Counts = await db.Comments.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var query = db.Comments.AsNoTracking().Where(c => c.Status == status);
        query = status == CommentStatus.Held ? query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id) : query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id);
        var comments = await query.Take(PageSize).ToListAsync(ct);
        var rows = new List<Row>();
        var cache = new Dictionary<(CommentSubjectKind, int), CommentSubject?>();
        foreach (var c in comments)
        {
            if (!cache.TryGetValue((c.SubjectKind, c.SubjectId), out var subject))
                cache[(c.SubjectKind, c.SubjectId)] = subject = await subjects.FindAsync(c.SubjectKind, c.SubjectId, ct);
            rows.Add(new Row(c, subject));
        }
        Rows = rows;
    }
}
