using AwesomeAssertions;
using Haven.Core.Data;
using Haven.Core.People;
using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Tests.People;

public sealed class PersonFieldsTests
{
    private static readonly PersonFields Good = new()
    {
        Name = "Ana Rivera",
        Title = "Staff attorney",
        Affiliation = "Immigrant Law Center",
        Bio = "Ana defends immigrants in criminal court.",
        ContactEmail = "ana@example.org",
    };

    [Fact]
    public void Good_fields_have_no_problems()
    {
        Good.Problems().Should().BeEmpty();
        new PersonFields { Name = "Ana" }.Problems().Should().BeEmpty("only the name is required");
    }

    [Fact]
    public void Every_problem_is_reported_at_once_beside_its_field()
    {
        var fields = new PersonFields
        {
            Name = "",
            Slug = "ana rivera",
            Title = new string('t', PersonFields.TitleMaxLength + 1),
            Affiliation = new string('a', PersonFields.AffiliationMaxLength + 1),
            Bio = new string('b', PersonFields.BioMaxLength + 1),
            ContactEmail = "ana@",
        };
        fields.Problems().Select(p => (p.Code, p.Field)).Should().BeEquivalentTo(new[]
        {
            ("required", "Name"), ("invalid_slug", "Slug"), ("too_long", "Title"),
            ("too_long", "Affiliation"), ("too_long", "Bio"), ("invalid_email", "ContactEmail"),
        });
    }

    [Fact]
    public void The_limits_are_the_database_columns()
    {
        var model = new ModelBuilder();
        new PersonConfiguration().Configure(model.Entity<Person>());
        var entity = model.Model.FindEntityType(typeof(Person))!;
        int? MaxLength(string property) => entity.FindProperty(property)!.GetMaxLength();

        MaxLength(nameof(Person.Name)).Should().Be(PersonFields.NameMaxLength);
        MaxLength(nameof(Person.Title)).Should().Be(PersonFields.TitleMaxLength);
        MaxLength(nameof(Person.Affiliation)).Should().Be(PersonFields.AffiliationMaxLength);
        MaxLength(nameof(Person.Bio)).Should().Be(PersonFields.BioMaxLength);
        MaxLength(nameof(Person.ContactEmail)).Should().Be(Haven.Core.Shared.ContactAddress.MaxLength);
        MaxLength(nameof(Person.Slug)).Should().Be(Haven.Core.Shared.Slug.MaxLength);
    }
}
