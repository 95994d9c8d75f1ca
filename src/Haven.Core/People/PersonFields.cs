using Haven.Core.Shared;

namespace Haven.Core.People;

/// <summary>A person's editable fields as the editor typed them, and the rules they must meet.</summary>
public sealed record PersonFields
{
    // The column sizes of PersonConfiguration (a test keeps them equal).
    public const int NameMaxLength = 200;
    public const int TitleMaxLength = 200;
    public const int AffiliationMaxLength = 200;
    public const int BioMaxLength = 4000;

    public string? Name { get; init; }
    /// <summary>The address a person will have once people get pages; empty to make one from the name.</summary>
    public string? Slug { get; init; }
    /// <summary>Job title or role ("Staff attorney").</summary>
    public string? Title { get; init; }
    /// <summary>Free text, for people from outside the coalition.</summary>
    public string? Affiliation { get; init; }
    /// <summary>The member organization the person belongs to, if any.</summary>
    public int? OrganizationId { get; init; }
    public string? Bio { get; init; }
    public string? ContactEmail { get; init; }

    /// <summary>The fields as they are checked and stored: trimmed, never null, line breaks as "\n".</summary>
    public PersonFields Cleaned() => this with
    {
        Name = (Name ?? "").Trim(),
        Slug = (Slug ?? "").Trim(),
        Title = (Title ?? "").Trim(),
        Affiliation = (Affiliation ?? "").Trim(),
        Bio = (Bio ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
        ContactEmail = (ContactEmail ?? "").Trim(),
    };

    /// <summary>Every problem with the fields themselves, at once. Whether the address is free and the
    /// organization exists is checked against the database when saving.</summary>
    public List<Problem> Problems()
    {
        var f = Cleaned();
        var problems = new List<Problem>();
        void Limit(string value, int max, string field)
        {
            if (value.Length > max) problems.Add(new Problem("too_long", "Keep this under {0} characters.", field, max));
        }

        if (f.Name!.Length == 0) problems.Add(new Problem("required", "Enter a name.", nameof(Name)));
        Limit(f.Name, NameMaxLength, nameof(Name));
        if (f.Slug!.Length > 0 && UniqueSlug.Check(f.Slug, "person") is { } slugProblem) problems.Add(slugProblem);
        Limit(f.Title!, TitleMaxLength, nameof(Title));
        Limit(f.Affiliation!, AffiliationMaxLength, nameof(Affiliation));
        Limit(f.Bio!, BioMaxLength, nameof(Bio));
        if (f.ContactEmail!.Length > 0 && !ContactAddress.IsValid(f.ContactEmail))
            problems.Add(new Problem("invalid_email", "Enter an email address like name@example.org.", nameof(ContactEmail)));
        return problems;
    }
}
