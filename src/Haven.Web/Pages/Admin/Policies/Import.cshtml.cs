using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Haven.Core.Files;
using Haven.Core.Policies;
using Haven.Core.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Haven.Web.Pages.Admin.Policies;

/// <summary>CSV import in two steps: the upload is checked (a dry run reporting every row) and kept in the file store
/// under its SHA-256; the confirmation names that hash, and the stored bytes are checked again and written in one
/// transaction. Nothing is written until the whole file is valid and the editor confirms.</summary>
[RequestSizeLimit(ImportPolicyRecords.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportPolicyRecords.MaxBytes + 1024 * 1024)]
public sealed partial class ImportModel(ImportPolicyRecords import, IFileStore files, Haven.Web.Accounts.CurrentActor currentActor) : PageModel
{
    public ImportReport? Report { get; private set; }
    public string? Hash { get; private set; }
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public int? Imported { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? imported, CancellationToken ct)
    {
        if (!(await currentActor.GetAsync(ct)).CanEditPolicies) return Forbid();
        Imported = imported;
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(IFormFile? file, CancellationToken ct)
    {
        if (!(await currentActor.GetAsync(ct)).CanEditPolicies) return Forbid();
        if (file is null || file.Length == 0)
        {
            Problems = [new Problem("file_required", "Choose a CSV file.", "file")];
            return Page();
        }
        var bytes = await ReadAsync(file, ct);
        if (bytes is null)
        {
            Problems = [new Problem("file_too_large", "The file is larger than {0} MB.", "file", ImportPolicyRecords.MaxBytes / (1024 * 1024))];
            return Page();
        }
        Report = await import.CheckAsync(bytes, ct);
        if (Report.IsValid)
        {
            Hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            using var stream = new MemoryStream(bytes);
            await files.SaveAsync(StorageKey(Hash), stream, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string? hash, CancellationToken ct)
    {
        var actor = await currentActor.GetAsync(ct);
        if (!actor.CanEditPolicies) return Forbid();
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
        var outcome = await import.ApplyAsync(actor, bytes, ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            Report = await import.CheckAsync(bytes, ct);
            return Page();
        }
        files.Delete(StorageKey(hash));
        return Redirect(Url.Content($"~/admin/policies/import?imported={outcome.Value!.Rows.Count}"));
    }

    private static string StorageKey(string hash) => $"{Hosting.PendingImportCleanup.Folder}/{hash}.csv";

    private static async Task<byte[]?> ReadAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > ImportPolicyRecords.MaxBytes) return null;
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.Length > ImportPolicyRecords.MaxBytes ? null : buffer.ToArray();
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexHash();
}
