using Haven.Core.Comments;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages.Admin.Comments;

/// <summary>The comment word lists: words that refuse a comment, words that hold it for a moderator. Administrators.</summary>
public sealed class WordsModel(CurrentActor currentActor, ModerateComments moderate) : PageModel
{
    [BindProperty] public string? RejectWords { get; set; }
    [BindProperty] public string? HoldWords { get; set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (!(await currentActor.GetAsync(ct)).IsAdministrator) return Forbid();
        var words = await moderate.WordsAsync(ct);
        (RejectWords, HoldWords, Saved) = (words.RejectWords, words.HoldWords, saved);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = await currentActor.GetAsync(ct);
        if (!actor.IsAdministrator) return Forbid();
        var outcome = await moderate.SaveWordsAsync(actor, RejectWords, HoldWords, ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            return Page();
        }
        return RedirectToPage(new { saved = true });
    }
}
