using Haven.Core.Organizations;

namespace Haven.Web.Pages.Admin.Organizations;

/// <summary>The organization editor's fields exactly as posted, so a refused save comes back with everything typed.</summary>
public sealed class OrganizationForm
{
    public string? Name { get; set; }
    public string? ShortName { get; set; }
    public string? Slug { get; set; }
    public string? Website { get; set; }
    public string? ContactEmail { get; set; }
    public string? Description { get; set; }
    public bool RequiresReview { get; set; }
    public IFormFile? Logo { get; set; }
    public bool RemoveLogo { get; set; }

    /// <summary>True when a file was chosen (browsers send an empty part when none was).</summary>
    public bool HasLogo => Logo is { Length: > 0 };

    public static OrganizationForm From(Organization o) => new()
    {
        Name = o.Name,
        ShortName = o.ShortName,
        Slug = o.Slug,
        Website = o.Website,
        ContactEmail = o.ContactEmail,
        Description = o.Description,
        RequiresReview = o.RequiresReview,
    };

    public OrganizationFields ToFields() => new()
    {
        Name = Name,
        ShortName = ShortName,
        Slug = Slug,
        Website = Website,
        ContactEmail = ContactEmail,
        Description = Description,
        RequiresReview = RequiresReview,
    };
}
