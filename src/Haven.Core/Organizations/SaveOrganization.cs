using System.Globalization;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.Search;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Haven.Core.Organizations;

/// <summary>Creates or updates an organization from the editor: checks every field and the logo, and reports every
/// problem at once, changing nothing. A new logo is stored under a new key before the row is written; the file it
/// replaces is deleted only once the row no longer points at it.</summary>
public sealed class SaveOrganization(HavenDbContext db, IFileStore files, IClock clock, AuditLog audit)
{
    public const string LogoFolder = "logos";

    public async Task<Outcome<Organization>> RunAsync(OrganizationEdit edit, CancellationToken cancellationToken = default)
    {
        if (!edit.Actor.IsAdministrator)
            return Outcome<Organization>.Failure(new Problem("forbidden", "Only administrators manage organizations and people."));
        Organization? organization = null;
        if (edit.OrganizationId is { } id)
        {
            organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (organization is null)
                return Outcome<Organization>.Failure(new Problem("not_found", "This organization no longer exists."));
        }
        var before = organization is null ? null : AuditView(organization);

        var f = edit.Fields.Cleaned();
        var problems = f.Problems();
        string? slug = null;
        if (!problems.Any(p => p.Field == nameof(f.Slug)))
        {
            var selfId = organization?.Id ?? 0;
            slug = await UniqueSlug.ChooseAsync(f.Slug, f.Name!, "organization",
                db.Organizations.Where(o => o.Id != selfId).Select(o => o.Slug),
                new Problem("slug_taken", "Another organization already uses this address.", nameof(f.Slug)), problems, cancellationToken);
        }
        UploadedImage? logo = null;
        if (edit.Logo is { } upload)
        {
            var read = await UploadedImage.ReadAsync(upload, "Logo", cancellationToken);
            if (read.Succeeded) logo = read.Value;
            else problems.AddRange(read.Problems);
        }
        if (problems.Count > 0) return Outcome<Organization>.Failure(problems);

        var isNew = organization is null;
        organization ??= new Organization { Slug = slug!, Name = f.Name! };
        var previousSlug = isNew ? null : organization.Slug;
        var previousName = isNew ? null : organization.Name;
        var previousLogo = organization.LogoKey;
        organization.Slug = slug!;
        organization.Name = f.Name!;
        organization.ShortName = f.ShortName!;
        organization.Website = f.Website!;
        organization.Description = f.Description!;
        organization.ContactEmail = f.ContactEmail!;
        organization.RequiresReview = f.RequiresReview;

        string? storedLogo = null;
        var committed = false;
        try
        {
            if (logo is not null)
            {
                storedLogo = await logo.StoreAsync(files, LogoFolder, cancellationToken);
                organization.LogoKey = storedLogo;
                organization.LogoContentType = logo.ContentType;
            }
            else if (edit.RemoveLogo)
            {
                organization.LogoKey = null;
                organization.LogoContentType = null;
            }
            if (isNew) db.Organizations.Add(organization);

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            audit.Add(edit.Actor, AuditActions.OrganizationSaved, "organization", organization.Id.ToString(CultureInfo.InvariantCulture), organization.Id,
                $"{(isNew ? "Created" : "Saved")} organization {organization.Name}", before, AuditView(organization));
            await db.SaveChangesAsync(cancellationToken);
            if (previousSlug is not null && (previousSlug != organization.Slug || previousName != organization.Name))
            {
                // Search documents carry their organizations' addresses and names (facets, result lists): every
                // resource it authored is indexed again.
                var now = clock.GetCurrentInstant();
                var authored = await db.Resources.Where(r => r.Authors.Any(a => a.OrganizationId == organization.Id))
                    .Select(r => r.Id).ToListAsync(cancellationToken);
                db.SearchIndexChanges.AddRange(authored.Select(resourceId => new SearchIndexChange { ResourceId = resourceId, At = now }));
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            committed = true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Two editors chose the same address at the same moment and the unique index caught it; anything else is a bug.
            var selfId = isNew ? 0 : organization.Id;
            if (!await db.Organizations.AnyAsync(o => o.Slug == organization.Slug && o.Id != selfId, CancellationToken.None)) throw;
            return Outcome<Organization>.Failure(new Problem("slug_taken", "Another organization already uses this address.", nameof(f.Slug)));
        }
        finally
        {
            if (!committed && storedLogo is not null) files.Delete(storedLogo);
        }

        if (previousLogo is not null && previousLogo != organization.LogoKey) UploadedImage.DeleteReplaced(files, previousLogo);
        return Outcome<Organization>.Success(organization);
    }

    private static object AuditView(Organization o) => new
    {
        o.Slug, o.Name, o.ShortName, o.Website, o.Description, o.ContactEmail, o.LogoKey, o.RequiresReview,
    };
}
