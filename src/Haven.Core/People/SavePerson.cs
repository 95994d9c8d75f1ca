using System.Globalization;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Files;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.People;

/// <summary>Creates or updates a speaker or contact from the editor: checks every field and the photo, and reports
/// every problem at once, changing nothing. A new photo is stored under a new key before the row is written; the
/// file it replaces is deleted only once the row no longer points at it.</summary>
public sealed class SavePerson(HavenDbContext db, IFileStore files, AuditLog audit)
{
    public const string PhotoFolder = "photos";

    public async Task<Outcome<Person>> RunAsync(PersonEdit edit, CancellationToken cancellationToken = default)
    {
        if (!edit.Actor.IsAdministrator)
            return Outcome<Person>.Failure(new Problem("forbidden", "Only administrators manage organizations and people."));
        Person? person = null;
        if (edit.PersonId is { } id)
        {
            person = await db.People.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (person is null)
                return Outcome<Person>.Failure(new Problem("not_found", "This person no longer exists."));
        }
        var before = person is null ? null : AuditView(person);

        var f = edit.Fields.Cleaned();
        var problems = f.Problems();
        string? slug = null;
        if (!problems.Any(p => p.Field == nameof(f.Slug)))
        {
            var selfId = person?.Id ?? 0;
            slug = await UniqueSlug.ChooseAsync(f.Slug, f.Name!, "person",
                db.People.Where(p => p.Id != selfId).Select(p => p.Slug),
                new Problem("slug_taken", "Another person already uses this address.", nameof(f.Slug)), problems, cancellationToken);
        }
        if (f.OrganizationId is { } organizationId && !await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
            problems.Add(new Problem("unknown", "The chosen organization does not exist.", nameof(f.OrganizationId)));
        UploadedImage? photo = null;
        if (edit.Photo is { } upload)
        {
            var read = await UploadedImage.ReadAsync(upload, "Photo", cancellationToken);
            if (read.Succeeded) photo = read.Value;
            else problems.AddRange(read.Problems);
        }
        if (problems.Count > 0) return Outcome<Person>.Failure(problems);

        var isNew = person is null;
        person ??= new Person { Slug = slug!, Name = f.Name! };
        var previousPhoto = person.PhotoKey;
        person.Slug = slug!;
        person.Name = f.Name!;
        person.Title = f.Title!;
        person.Affiliation = f.Affiliation!;
        person.OrganizationId = f.OrganizationId;
        person.Bio = f.Bio!;
        person.ContactEmail = f.ContactEmail!;

        string? storedPhoto = null;
        var committed = false;
        try
        {
            if (photo is not null)
            {
                storedPhoto = await photo.StoreAsync(files, PhotoFolder, cancellationToken);
                person.PhotoKey = storedPhoto;
                person.PhotoContentType = photo.ContentType;
            }
            else if (edit.RemovePhoto)
            {
                person.PhotoKey = null;
                person.PhotoContentType = null;
            }
            if (isNew) db.People.Add(person);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            audit.Add(edit.Actor, AuditActions.PersonSaved, "person", person.Id.ToString(CultureInfo.InvariantCulture), person.OrganizationId,
                $"{(isNew ? "Created" : "Saved")} person {person.Name}", before, AuditView(person));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            committed = true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Two editors chose the same address at the same moment and the unique index caught it (or the
            // organization was deleted meanwhile); anything else is a bug.
            var selfId = isNew ? 0 : person.Id;
            if (await db.People.AnyAsync(p => p.Slug == person.Slug && p.Id != selfId, CancellationToken.None))
                return Outcome<Person>.Failure(new Problem("slug_taken", "Another person already uses this address.", nameof(f.Slug)));
            if (f.OrganizationId is { } chosen && !await db.Organizations.AnyAsync(o => o.Id == chosen, CancellationToken.None))
                return Outcome<Person>.Failure(new Problem("unknown", "The chosen organization does not exist.", nameof(f.OrganizationId)));
            throw;
        }
        finally
        {
            if (!committed && storedPhoto is not null) files.Delete(storedPhoto);
        }

        if (previousPhoto is not null && previousPhoto != person.PhotoKey) UploadedImage.DeleteReplaced(files, previousPhoto);
        return Outcome<Person>.Success(person);
    }

    private static object AuditView(Person p) => new
    {
        p.Slug, p.Name, p.Title, p.Affiliation, p.OrganizationId, p.Bio, p.ContactEmail, p.PhotoKey,
    };
}
