using Haven.Core.Accounts;
using Haven.Core.Data;
using Haven.Core.Shared;
using Haven.Web.Accounts;
using Haven.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Accounts;

/// <summary>Accounts and invitations. Administrators see and invite everyone; an organization's lead sees the
/// members of the organizations they lead and invites editors and leads to them.</summary>
public sealed class IndexModel(HavenDbContext db, CurrentActor currentActor, Invitations invitations, Memberships memberships, AccountMail mail, SiteSettings site) : PageModel
{
    public Actor Actor { get; private set; } = Actor.Anonymous();
    public IReadOnlyList<Member> Members { get; private set; } = [];
    public IReadOnlyList<Invitation> Pending { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Organizations { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public string? Message { get; private set; }

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public InvitedRole Role { get; set; } = InvitedRole.Editor;
    [BindProperty] public int? OrganizationId { get; set; }
    [BindProperty] public string Language { get; set; } = Languages.English;

    public sealed record Member(string UserId, string Email, string Name, bool TwoFactor, IReadOnlyList<string> SiteRoles, IReadOnlyList<(int OrganizationId, string Organization, MembershipRole Role)> Memberships);

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        Language = InterfaceLanguage.Current;
        Message = done;
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var organizationName = OrganizationId is { } id ? Organizations.FirstOrDefault(o => o.Id == id).Name : null;
        var inviter = Actor.Name;
        var outcome = await invitations.InviteAsync(Actor, Email, Role, OrganizationId,
            (token, expires) => mail.Invitation(Language, Email!.Trim(), AbsoluteUrl(Language, $"account/invitation/{token}"), inviter, Role,
                Role is InvitedRole.Editor or InvitedRole.Lead ? organizationName : null, expires),
            ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            return Page();
        }
        return Redirect(Url.Content("~/admin/accounts?done=invited"));
    }

    public async Task<IActionResult> OnPostRevokeAsync(int invitationId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        if (!await invitations.RevokeAsync(Actor, invitationId, ct)) return NotFound();
        return Redirect(Url.Content("~/admin/accounts?done=revoked"));
    }

    public async Task<IActionResult> OnPostRemoveMembershipAsync(string userId, int organizationId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        if (!await memberships.RemoveAsync(Actor, userId, organizationId, ct)) return NotFound();
        return Redirect(Url.Content("~/admin/accounts?done=removed"));
    }

    public async Task<IActionResult> OnPostRemoveRoleAsync(string userId, string role, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        if (!await memberships.RemoveSiteRoleAsync(Actor, userId, role, ct)) return NotFound();
        return Redirect(Url.Content("~/admin/accounts?done=removed"));
    }

    /// <summary>False when the actor may not use this page (neither an administrator nor a lead).</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Actor = await currentActor.GetAsync(ct);
        var led = Actor.LedOrganizationIds;
        if (!Actor.IsAdministrator && led.Count == 0) return false;

        Organizations = (await db.Organizations.AsNoTracking()
                .Where(o => Actor.IsAdministrator || led.Contains(o.Id))
                .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .Select(o => (o.Id, o.Name)).ToList();
        var visible = Organizations.Select(o => o.Id).ToList();

        var membershipRows = await db.Memberships.AsNoTracking().Where(m => visible.Contains(m.OrganizationId)).ToListAsync(ct);
        var userIds = membershipRows.Select(m => m.UserId).Distinct().ToList();
        var usersQuery = db.Users.AsNoTracking();
        usersQuery = Actor.IsAdministrator ? usersQuery : usersQuery.Where(u => userIds.Contains(u.Id));
        var users = await usersQuery.OrderBy(u => u.Email).Take(500).ToListAsync(ct);
        var shownIds = users.Select(u => u.Id).ToList();
        var roleRows = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where shownIds.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        var names = Organizations.ToDictionary(o => o.Id, o => o.Name);
        Members = users.Select(u => new Member(u.Id, u.Email ?? "", u.DisplayName, u.TwoFactorEnabled,
            roleRows.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").ToList(),
            membershipRows.Where(m => m.UserId == u.Id).Select(m => (m.OrganizationId, names.GetValueOrDefault(m.OrganizationId, ""), m.Role)).ToList())).ToList();

        Pending = await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null)
            .Where(i => Actor.IsAdministrator || (i.OrganizationId != null && visible.Contains(i.OrganizationId.Value)))
            .OrderByDescending(i => i.CreatedAt).Take(200).ToListAsync(ct);
        return true;
    }

    private string AbsoluteUrl(string language, string path)
    {
        // The link opens in the language the mail is written in, whatever language the inviter's page is in; the
        // origin is Site:PublicUrl when set, so a forged Host header cannot point the link elsewhere (see MailLinks).
        var prefix = language == Languages.Spanish ? "/es/" : "/";
        var root = Request.PathBase.Value is { } pathBase && pathBase.EndsWith("/es", StringComparison.Ordinal) ? pathBase[..^3] : Request.PathBase.Value ?? "";
        var origin = site.PublicUrl.Length > 0 ? site.PublicUrl.TrimEnd('/') : $"{Request.Scheme}://{Request.Host.ToUriComponent()}";
        return $"{origin}{root}{prefix}{path}";
    }
}
