using AwesomeAssertions;
using Haven.Core.Data;
using Haven.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Tests.Organizations;

public sealed class OrganizationFieldsTests
{
    private static readonly OrganizationFields Good = new()
    {
        Name = "Defenders Collective",
        ShortName = "DC",
        Website = "https://defenders.example.org",
        Description = "Public defenders working on immigration consequences.",
        ContactEmail = "info@defenders.example.org",
    };

    [Fact]
    public void Good_fields_have_no_problems()
    {
        Good.Problems().Should().BeEmpty();
        (Good with { Website = "", ContactEmail = "", ShortName = "", Description = "", Slug = "" }).Problems().Should().BeEmpty("only the name is required");
    }

    [Fact]
    public void Every_problem_is_reported_at_once_beside_its_field()
    {
        var fields = new OrganizationFields
        {
            Name = "   ",
            ShortName = new string('s', OrganizationFields.ShortNameMaxLength + 1),
            Slug = "Not A Slug",
            Website = "defenders.example.org",
            Description = new string('d', OrganizationFields.DescriptionMaxLength + 1),
            ContactEmail = "info at defenders",
        };
        fields.Problems().Select(p => (p.Code, p.Field)).Should().BeEquivalentTo(new[]
        {
            ("required", "Name"), ("too_long", "ShortName"), ("invalid_slug", "Slug"),
            ("invalid_website", "Website"), ("too_long", "Description"), ("invalid_email", "ContactEmail"),
        });
    }

    [Fact]
    public void Fields_are_trimmed_and_line_breaks_made_plain()
    {
        var cleaned = (Good with { Name = "  Defenders  ", Description = "One.\r\nTwo.\r\n", Website = " https://example.org " }).Cleaned();
        cleaned.Name.Should().Be("Defenders");
        cleaned.Description.Should().Be("One.\nTwo.");
        cleaned.Website.Should().Be("https://example.org");
    }

    [Fact]
    public void Lengths_are_counted_after_trimming()
    {
        (Good with { Name = "  " + new string('n', OrganizationFields.NameMaxLength) + "  " }).Problems().Should().BeEmpty();
        (Good with { Name = new string('n', OrganizationFields.NameMaxLength + 1) }).Problems().Single().Code.Should().Be("too_long");
    }

    [Fact]
    public void The_limits_are_the_database_columns()
    {
        var model = new ModelBuilder();
        new OrganizationConfiguration().Configure(model.Entity<Organization>());
        var entity = model.Model.FindEntityType(typeof(Organization))!;
        int? MaxLength(string property) => entity.FindProperty(property)!.GetMaxLength();

        MaxLength(nameof(Organization.Name)).Should().Be(OrganizationFields.NameMaxLength);
        MaxLength(nameof(Organization.ShortName)).Should().Be(OrganizationFields.ShortNameMaxLength);
        MaxLength(nameof(Organization.Website)).Should().Be(OrganizationFields.WebsiteMaxLength);
        MaxLength(nameof(Organization.Description)).Should().Be(OrganizationFields.DescriptionMaxLength);
        MaxLength(nameof(Organization.ContactEmail)).Should().Be(Haven.Core.Shared.ContactAddress.MaxLength);
        MaxLength(nameof(Organization.Slug)).Should().Be(Haven.Core.Shared.Slug.MaxLength);
    }
}
