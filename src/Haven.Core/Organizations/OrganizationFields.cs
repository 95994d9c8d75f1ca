using Haven.Core.Shared;

namespace Haven.Core.Organizations;

/// <summary>An organization's editable fields as the editor typed them, and the rules they must meet.</summary>
public sealed record OrganizationFields
{
    // The column sizes of OrganizationConfiguration (a test keeps them equal).
    public const int NameMaxLength = 200;
    public const int ShortNameMaxLength = 40;
    public const int WebsiteMaxLength = 500;
    public const int DescriptionMaxLength = 4000;

    public string? Name { get; init; }
    public string? ShortName { get; init; }
    /// <summary>The address under /organizations/; empty to make one from the name.</summary>
    public string? Slug { get; init; }
    public string? Website { get; init; }
    public string? Description { get; init; }
    public string? ContactEmail { get; init; }
    public bool RequiresReview { get; init; }

    /// <summary>The fields as they are checked and stored: trimmed, never null, line breaks as "\n".</summary>
    public OrganizationFields Cleaned() => this with
    {
        Name = (Name ?? "").Trim(),
        ShortName = (ShortName ?? "").Trim(),
        Slug = (Slug ?? "").Trim(),
        Website = (Website ?? "").Trim(),
        Description = (Description ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
        ContactEmail = (ContactEmail ?? "").Trim(),
    };

    /// <summary>Every problem with the fields themselves, at once. Whether the address is free is checked against
    /// the database when saving.</summary>
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
        Limit(f.ShortName!, ShortNameMaxLength, nameof(ShortName));
        if (f.Slug!.Length > 0 && UniqueSlug.Check(f.Slug, "organization") is { } slugProblem) problems.Add(slugProblem);
        if (f.Website!.Length > WebsiteMaxLength) Limit(f.Website, WebsiteMaxLength, nameof(Website));
        else if (f.Website.Length > 0 && !WebAddress.IsValid(f.Website))
            problems.Add(new Problem("invalid_website", "Enter the whole address of the website, starting with https://.", nameof(Website)));
        Limit(f.Description!, DescriptionMaxLength, nameof(Description));
        if (f.ContactEmail!.Length > 0 && !ContactAddress.IsValid(f.ContactEmail))
            problems.Add(new Problem("invalid_email", "Enter an email address like name@example.org.", nameof(ContactEmail)));
        return problems;
    }
}
