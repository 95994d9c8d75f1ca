using System.Globalization;
using Haven.Core.Accounts;
using Haven.Core.Audit;
using Haven.Core.Data;
using Haven.Core.Shared;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Taxonomy;

public sealed class CityFields
{
    public string Name { get; set; } = "";
    /// <summary>Two-letter postal code of a state in the database.</summary>
    public string StateCode { get; set; } = "";
    /// <summary>Optional Census place code: seven digits, the state's two then the place's five.</summary>
    public string Fips { get; set; } = "";
    /// <summary>Empty means "make one from the name and the state".</summary>
    public string Slug { get; set; } = "";
}

/// <summary>Creates or changes a city added by hand (states and counties come from the atlas and are not edited
/// here): checks every field at once, writes nothing on any problem, and audits the change.</summary>
public sealed class SaveCity(HavenDbContext db, AuditLog audit)
{
    public const int NameMaxLength = 200;
    public const int PlaceFipsLength = 7;

    public async Task<Outcome<Jurisdiction>> RunAsync(Actor actor, int? cityId, CityFields fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(fields);
        if (!actor.CanEditPolicies)
            return Outcome<Jurisdiction>.Failure(new Problem("forbidden", "Only administrators and organizations' editors can add cities."));
        Jurisdiction? city = null;
        if (cityId is { } id)
        {
            city = await db.Jurisdictions.FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
            if (city is null) return Outcome<Jurisdiction>.Failure(new Problem("not_found", "This place no longer exists."));
            if (city.Kind != JurisdictionKind.City)
                return Outcome<Jurisdiction>.Failure(new Problem("not_a_city",
                    "States and counties come from the Census atlas and cannot be edited here; only cities added by hand can."));
        }
        var before = city is null ? null : AuditView(city);
        var selfId = city?.Id ?? 0;
        var problems = new List<Problem>();

        var name = (fields.Name ?? "").Trim();
        if (name.Length == 0) problems.Add(new Problem("name_required", "Give the city a name.", "Name"));
        if (name.Length > NameMaxLength) problems.Add(new Problem("name_too_long", "The name can have at most {0} characters.", "Name", NameMaxLength));

        var stateCode = (fields.StateCode ?? "").Trim().ToUpperInvariant();
        var state = stateCode.Length == 0 ? null : await db.Jurisdictions.AsNoTracking()
            .FirstOrDefaultAsync(j => j.Kind == JurisdictionKind.State && j.StateCode == stateCode, cancellationToken);
        if (state is null) problems.Add(new Problem("unknown_state", "Choose one of the states in the list.", "StateCode"));

        var fips = (fields.Fips ?? "").Trim();
        if (fips.Length > 0)
        {
            if (fips.Length != PlaceFipsLength || !fips.All(char.IsAsciiDigit))
                problems.Add(new Problem("bad_fips", "A Census place code has seven digits: the state's two, then the place's five.", "Fips"));
            else if (state is not null && (state.Fips is null || !fips.StartsWith(state.Fips, StringComparison.Ordinal)))
                problems.Add(new Problem("fips_other_state", "This place code belongs to another state: codes in {0} begin with {1}.", "Fips",
                    state.StateCode!, state.Fips ?? "??"));
            else if (await db.Jurisdictions.AnyAsync(j => j.Id != selfId && j.Fips == fips, cancellationToken))
                problems.Add(new Problem("fips_taken", "Another place already has this code.", "Fips"));
        }

        var requested = (fields.Slug ?? "").Trim();
        if (requested.Length > 0 && UniqueSlug.Check(requested, "city") is { } badSlug) problems.Add(badSlug);
        // A place's page is found by FIPS code or address, so an address of digits alone could be taken for a code.
        else if (requested.Length > 0 && requested.All(char.IsAsciiDigit))
            problems.Add(new Problem("slug_digits", "The address needs a letter, or it could be mistaken for a FIPS code.", "Slug"));
        string? slug = null;
        if (name.Length > 0 && problems.All(p => p.Field != "Slug"))
        {
            var others = db.Jurisdictions.Where(j => j.Id != selfId).Select(j => j.Slug);
            slug = await UniqueSlug.ChooseAsync(requested, $"{name} {stateCode}", "city", others,
                new Problem("slug_taken", "Another place already uses this address.", "Slug"), problems, cancellationToken);
        }
        if (problems.Count > 0) return Outcome<Jurisdiction>.Failure(problems);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var isNew = city is null;
        city ??= new Jurisdiction { Slug = slug!, Name = name, Kind = JurisdictionKind.City };
        if (isNew) db.Jurisdictions.Add(city);
        city.Slug = slug!;
        city.Name = name;
        city.StateCode = state!.StateCode;
        city.Fips = fips.Length == 0 ? null : fips;
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(actor, AuditActions.JurisdictionSaved, "jurisdiction", city.Id.ToString(CultureInfo.InvariantCulture), null,
            $"{(isNew ? "Added" : "Saved")} the city \u201c{city.Name}\u201d ({city.StateCode})", before, AuditView(city));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<Jurisdiction>.Success(city);
    }

    private static object AuditView(Jurisdiction j) => new { j.Slug, j.Name, Kind = j.Kind.ToString(), j.Fips, j.StateCode };
}
