using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.Organizations;
using Haven.Core.Shared;
using Haven.Core.WordPress;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Haven.Web.Pages.Admin.Import;

/// <summary>WordPress import in two steps, like the policy import: the upload is read and reported (the dry run) and
/// kept in the file store under its SHA-256; the confirmation names that hash and the organization, and the stored
/// export is imported. The stored file is deleted once imported (or after a day, by <see cref="Hosting.PendingImportCleanup"/>).</summary>
[RequestSizeLimit(MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 1024 * 1024)]
public sealed partial class WordPressModel(ImportWordPress import, IFileStore files, HavenDbContext db, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    /// <summary>Larger exports go through `haven import wordpress`, which reads the file from disk.</summary>
    public const int MaxUploadBytes = 64 * 1024 * 1024;

    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public int? OrganizationId { get; private set; }
    public WordPressImportReport? Report { get; private set; }
    public bool Imported { get; private set; }
    public string? Hash { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(IFormFile? file, int? organizationId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        OrganizationId = organizationId;
        var problems = new List<Problem>();
        if (organizationId is not { } orgId || Organizations.All(o => o.Id != orgId))
            problems.Add(new Problem("not_your_organization", "Choose an organization you edit for.", "organizationId"));
        if (file is null || file.Length == 0) problems.Add(new Problem("file_required", "Choose a WordPress export file (.xml).", "file"));
        else if (file.Length > MaxUploadBytes)
            problems.Add(new Problem("file_too_large", "The file is larger than {0} MB.", "file", MaxUploadBytes / (1024 * 1024)));
        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }
        byte[] bytes;
        await using (var stream = file!.OpenReadStream())
        using (var buffer = new MemoryStream())
        {
            await stream.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        using (var input = new MemoryStream(bytes))
            Report = await import.CheckAsync(input, organizationId!.Value, cancellationToken: ct);
        if (Report.CanImport)
        {
            Hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            using var stream = new MemoryStream(bytes);
            await files.SaveAsync(StorageKey(Hash), stream, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string? hash, int? organizationId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        if (hash is null || !HexHash().IsMatch(hash) || organizationId is null) return BadRequest();
        OrganizationId = organizationId;
        var actor = await currentActor.GetAsync(ct);
        await using (var stored = files.OpenRead(StorageKey(hash)))
        {
            if (stored is null)
            {
                Problems = [new Problem("import_expired", "That file is no longer waiting for confirmation: upload it again.")];
                return Page();
            }
            var outcome = await import.RunAsync(actor, stored, organizationId.Value, cancellationToken: ct);
            if (!outcome.Succeeded)
            {
                Problems = outcome.Problems;
                return Page();
            }
            Report = outcome.Value;
        }
        files.Delete(StorageKey(hash));
        Imported = true;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var actor = await currentActor.GetAsync(ct);
        if (!actor.CanImportContent) return false;
        var organizations = db.Organizations.AsNoTracking();
        if (!actor.IsAdministrator)
        {
            var mine = actor.Memberships.Keys.ToList();
            organizations = organizations.Where(o => mine.Contains(o.Id));
        }
        Organizations = await organizations.OrderBy(o => o.Name).ToListAsync(ct);
        return true;
    }

    private static string StorageKey(string hash) => $"{Hosting.PendingImportCleanup.Folder}/{hash}.xml";

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexHash();
}
