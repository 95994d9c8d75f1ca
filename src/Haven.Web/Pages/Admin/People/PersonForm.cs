using Haven.Core.People;

namespace Haven.Web.Pages.Admin.People;

/// <summary>The people editor's fields exactly as posted, so a refused save comes back with everything typed.</summary>
public sealed class PersonForm
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Title { get; set; }
    public string? Affiliation { get; set; }
    public int? OrganizationId { get; set; }
    public string? ContactEmail { get; set; }
    public string? Bio { get; set; }
    public IFormFile? Photo { get; set; }
    public bool RemovePhoto { get; set; }

    /// <summary>True when a file was chosen (browsers send an empty part when none was).</summary>
    public bool HasPhoto => Photo is { Length: > 0 };

    public static PersonForm From(Person p) => new()
    {
        Name = p.Name,
        Slug = p.Slug,
        Title = p.Title,
        Affiliation = p.Affiliation,
        OrganizationId = p.OrganizationId,
        ContactEmail = p.ContactEmail,
        Bio = p.Bio,
    };

    public PersonFields ToFields() => new()
    {
        Name = Name,
        Slug = Slug,
        Title = Title,
        Affiliation = Affiliation,
        OrganizationId = OrganizationId,
        ContactEmail = ContactEmail,
        Bio = Bio,
    };
}
