using Haven.Core.Comments;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Haven.Web.Comments;
using Haven.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Haven.Web.Pages.Comments;

/// <summary>Where every comment form posts, whatever its subject. A published comment lands at its anchor on the
/// subject's page, a held one brings the writer back there with a notice; a problem or the personal-data warning
/// shows the form here again, text intact. A GET shows the form alone (with the discussion so far).</summary>
[EnableRateLimiting(RateLimits.Comments)]
public sealed class PostModel(CommentSubjects subjects, CommentSections sections, PostComment post) : PageModel
{
    [BindProperty] public CommentForm Form { get; set; } = new();
    public CommentSection Section { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string kind, int id, long? replyTo, CancellationToken ct)
    {
        if (await SubjectAsync(kind, id, ct) is not { } subject) return NotFound();
        Section = await sections.WithFormAsync(subject, new CommentForm { ReplyTo = replyTo }, [], ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, int id, CancellationToken ct)
    {
        if (await SubjectAsync(kind, id, ct) is not { } subject) return NotFound();
        var outcome = await post.RunAsync(new CommentRequest
        {
            SubjectKind = subject.Kind,
            SubjectId = subject.Id,
            ReplyTo = Form.ReplyTo,
            Name = Form.Name,
            Email = Form.Email,
            Body = Form.Body,
            Honeypot = Form.Website,
            PostAnyway = Form.PostAnyway,
            IpAddress = HttpContext.Connection.RemoteIpAddress?.ToString(),
            Language = InterfaceLanguage.Current,
        }, ct);
        if (!outcome.Succeeded)
        {
            Section = await sections.WithFormAsync(subject, Form, outcome.Problems, ct);
            Response.StatusCode = outcome.Problems.Any(p => p.Code == "too_many_comments") ? StatusCodes.Status429TooManyRequests : StatusCodes.Status200OK;
            return Page();
        }
        var page = Url.Content("~" + subject.Path);
        return outcome.Value!.As == PostedAs.Published
            ? Redirect($"{page}#comment-{outcome.Value.CommentId}")
            : Redirect($"{page}?comment=held#comments");
    }

    private async Task<CommentSubject?> SubjectAsync(string kind, int id, CancellationToken ct)
    {
        if (!Enum.TryParse<CommentSubjectKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k)
            || !string.Equals(CommentSections.Segment(k), kind, StringComparison.Ordinal)) return null;
        var subject = await subjects.FindAsync(k, id, ct);
        return subject is { IsPublic: true } ? subject : null;
    }
}
