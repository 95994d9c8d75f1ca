using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Events;
using Haven.Core.Organizations;
using Haven.Core.People;
using Haven.Core.Shared;
using Haven.Core.Taxonomy;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Events;

/// <summary>Creates and edits events: for administrators and editors of the organization that owns the event.</summary>
public sealed class EditModel(HavenDbContext db, SaveEvent save, CurrentActor currentActor) : PageModel
{
    [BindProperty]
    public EventForm Form { get; set; } = new();

    public Event? Existing { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Saved { get; private set; }
    /// <summary>After a save: how many registrants were told, and of what; how many the waitlist promoted.</summary>
    public int Told { get; private set; }
    public LetterKind? ToldOf { get; private set; }
    public int Promoted { get; private set; }
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public IReadOnlyList<Person> People { get; private set; } = [];
    public IReadOnlyList<Topic> AllTopics { get; private set; } = [];
    public Actor Actor { get; private set; } = Actor.Anonymous();

    public async Task<IActionResult> OnGetAsync(int? id, string? saved, int? told, string? of, int? promoted, CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        if (id is { } eventId)
        {
            if (!await LoadExistingAsync(eventId, ct)) return NotFound();
            if (!Actor.CanEdit(Existing!)) return Forbid();
            Form = EventForm.From(Existing!);
            Saved = saved is not null;
            if (Saved)
            {
                Told = Math.Max(0, told ?? 0);
                ToldOf = Enum.TryParse<LetterKind>(of, out var kind) && kind is LetterKind.EventChanged or LetterKind.EventCancelled or LetterKind.RecordingAvailable ? kind : null;
                Promoted = Math.Max(0, promoted ?? 0);
            }
        }
        else
        {
            // A new event starts hosted by the actor's first organization.
            var first = Actor.Memberships.Keys.Order().Cast<int?>().FirstOrDefault();
            if (first is not null) Form.Hosts = [first];
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (id is { } eventId && !await LoadExistingAsync(eventId, ct)) return NotFound();
        await LoadChoicesAsync(ct);
        var outcome = await save.SaveAsync(new EventEdit
        {
            EventId = id,
            ExpectedRevision = Form.ExpectedRevision,
            Fields = Form.ToFields(),
            Actor = Actor,
        }, ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            // The code is never sent back into the page.
            Form.InvitationCode = null;
            return Page();
        }
        var (saved, told, of, promoted) = outcome.Value!;
        var parameters = new List<KeyValuePair<string, string?>> { new("saved", "1") };
        if (told > 0 && of is { } kind)
        {
            parameters.Add(new("told", told.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            parameters.Add(new("of", kind.ToString()));
        }
        if (promoted > 0) parameters.Add(new("promoted", promoted.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var query = QueryString.Create(parameters);
        return Redirect(Url.Content($"~/admin/events/{saved.Id}/edit") + query.ToUriComponent());
    }

    private async Task<bool> LoadExistingAsync(int id, CancellationToken ct)
    {
        Existing = await db.Events.AsNoTracking()
            .Include(e => e.Hosts).Include(e => e.Speakers).Include(e => e.Topics)
            .Include(e => e.Questions).Include(e => e.Prerequisites).Include(e => e.Materials)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Id == id, ct);
        return Existing is not null;
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        People = await db.People.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        AllTopics = await db.Topics.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
    }
}
