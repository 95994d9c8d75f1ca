using Haven.Core.Data;
using Haven.Core.News;
using Haven.Core.Taxonomy;
using Haven.Web.News;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Web.Pages.News;

/// <summary>Posts and press releases public now, newest first, narrowed by topic and kind, a page at a time. A draft
/// or a post under embargo is never read into it: the query itself filters them (<see cref="PostQueries.PublicAt"/>).</summary>
public sealed class IndexModel(HavenDbContext db, IClock clock) : PageModel
{
    public const int PageSize = 20;

    public PostFilter Filter { get; private set; } = new(null, null);
    public IReadOnlyList<Post> Posts { get; private set; } = [];
    public IReadOnlyList<Topic> TopicOptions { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; }
    public int LastPage => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(int? page, CancellationToken cancellationToken)
    {
        Filter = PostFilter.FromQuery(Request.Query);
        PageNumber = Math.Clamp(page ?? 1, 1, 10_000);
        var now = clock.GetCurrentInstant();
        var published = db.Posts.AsNoTracking().PublicAt(now);
        var query = Filter.Apply(published);
        Total = await query.CountAsync(cancellationToken);
        Posts = await query.NewestFirst().Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Include(p => p.OwnerOrganization).Include(p => p.Author)
            .AsSplitQuery().ToListAsync(cancellationToken);
        TopicOptions = await db.Topics.AsNoTracking().Where(t => published.Any(p => p.Topics.Any(x => x.Id == t.Id)))
            .OrderBy(t => t.Name).ToListAsync(cancellationToken);
    }

    public string Href(int? page = null)
    {
        var query = Filter.ToQueryString();
        if (page is > 1) query += (query.Length == 0 ? "?" : "&") + "page=" + page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Url.Content("~/news") + query;
    }
}
