using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Haven.Core.Files;
using Haven.Core.Resources;
using Haven.Core.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages.Admin.Resources;

/// <summary>CSV import in two steps: the upload is checked (a dry run saying what each row would do) and kept in the
/// file store under its SHA-256; the confirmation names that hash and the dry run's fingerprint, and the stored bytes
/// are checked again and saved in one transaction. Nothing is written until the whole file is valid and the editor
/// confirms, nor when the resources changed since the dry run.</summary>
[RequestSizeLimit(ImportResources.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportResources.MaxBytes + 1024 * 1024)]
public sealed partial class ImportModel(ImportResources import, IFileStore files, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    public ResourceImportReport? Report { get; private set; }
    public string? Hash { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public int? Created { get; private set; }
    public int? Updated { get; private set; }
    public int? Unchanged { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? created, int? updated, int? unchanged, CancellationToken ct)
    {
        if (!(await currentActor.GetAsync(ct)).CanImportResources) return Forbid();
        (Created, Updated, Unchanged) = (created, updated, unchanged);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(IFormFile? file, CancellationToken ct)
    {
        var actor = await currentActor.GetAsync(ct);
        if (!actor.CanImportResources) return Forbid();
        if (file is null || file.Length == 0)
        {
            Problems = [new Problem("file_required", "Choose a CSV file.", "file")];
            return Page();
        }
        var bytes = await ReadAsync(file, ct);
        if (bytes is null)
        {
            Problems = [new Problem("file_too_large", "The file is larger than {0} MB.", "file", ImportResources.MaxBytes / (1024 * 1024))];
            return Page();
        }
        Report = await import.CheckAsync(actor, bytes, ct);
        if (Report.IsValid)
        {
            Hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            using var stream = new MemoryStream(bytes);
            await files.SaveAsync(StorageKey(Hash), stream, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string? hash, string? fingerprint, CancellationToken ct)
    {
        var actor = await currentActor.GetAsync(ct);
        if (!actor.CanImportResources) return Forbid();
        if (hash is null || !HexHash().IsMatch(hash)) return BadRequest();
        byte[] bytes;
        await using (var stored = files.OpenRead(StorageKey(hash)))
        {
            if (stored is null)
            {
                Problems = [new Problem("import_expired", "That file is no longer waiting for confirmation: upload it again.")];
                return Page();
            }
            using var buffer = new MemoryStream();
            await stored.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        var outcome = await import.ApplyAsync(actor, bytes, fingerprint ?? "", ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            Report = await import.CheckAsync(actor, bytes, ct);
            if (Report.IsValid) Hash = hash;
            return Page();
        }
        files.Delete(StorageKey(hash));
        var r = outcome.Value!;
        return Redirect(Url.Content($"~/admin/resources/import?created={r.Count(ResourceImportAction.Create)}&updated={r.Count(ResourceImportAction.Update)}&unchanged={r.Count(ResourceImportAction.Unchanged)}"));
    }

    private static string StorageKey(string hash) => $"{Hosting.PendingImportCleanup.Folder}/resources-{hash}.csv";

    private static async Task<byte[]?> ReadAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > ImportResources.MaxBytes) return null;
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.Length > ImportResources.MaxBytes ? null : buffer.ToArray();
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexHash();
}
