using System.Text;
using AwesomeAssertions;
using Haven.Core.Organizations;
using Haven.Core.Resources;
using Haven.Core.Taxonomy;
using NodaTime;

namespace Haven.Core.Tests.Resources;

public sealed class ResourceCsvTests
{
    [Theory]
    [InlineData("draft", ResourceStatus.Draft)]
    [InlineData("", ResourceStatus.Draft)]
    [InlineData("Published", ResourceStatus.Published)]
    [InlineData("scheduled", ResourceStatus.Scheduled)]
    [InlineData("in review", ResourceStatus.InReview)]
    [InlineData("in-review", ResourceStatus.InReview)]
    public void Status_names_are_read_case_insensitively(string text, ResourceStatus expected)
    {
        ResourceCsv.TryParseStatus(text, out var status).Should().BeTrue();
        status.Should().Be(expected);
    }

    [Fact]
    public void An_unknown_status_is_refused() => ResourceCsv.TryParseStatus("archived", out _).Should().BeFalse();

    [Fact]
    public void Every_status_is_written_as_a_name_the_import_reads_back()
    {
        foreach (var status in Enum.GetValues<ResourceStatus>())
        {
            ResourceCsv.TryParseStatus(ResourceCsv.StatusText(status), out var read).Should().BeTrue();
            read.Should().Be(status);
        }
    }

    [Fact]
    public void A_row_has_one_cell_per_column_with_authors_in_order_subjects_sorted_and_links_as_title_bar_address()
    {
        var resource = new Resource
        {
            Slug = "guide", Title = "Guía", Type = ResourceType.FactSheet, Language = "es", BodyMarkdown = "Line one\r\nLine two",
            PublishedOn = new LocalDate(2025, 1, 15),
            Authors =
            [
                new ResourceAuthor { Position = 1, Organization = new Organization { Slug = "second", Name = "Second" } },
                new ResourceAuthor { Position = 0, Organization = new Organization { Slug = "first", Name = "First" } },
            ],
            Topics = [new Topic { Slug = "zeta", Name = "Z" }, new Topic { Slug = "alpha", Name = "A" }],
            Links = [new ResourceLink { Url = "https://example.org/", Title = "Home | page", Position = 0 }],
        };

        var row = ResourceCsv.RowOf(resource);

        row.Should().HaveCount(ResourceCsv.Columns.Count);
        row.Should().Equal("guide", "fact-sheet", "Guía", "", "Line one\nLine two", "es", "2025-01-15", "", "first;second", "alpha;zeta", "", "",
            "draft", "Home | page | https://example.org/");
    }

    [Fact]
    public void Only_strict_utf8_is_read_and_a_byte_order_mark_is_dropped()
    {
        ResourceCsv.DecodeUtf8([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("slug")]).Should().Be("slug");
        ResourceCsv.DecodeUtf8(Encoding.Latin1.GetBytes("Política")).Should().BeNull();
    }

    [Theory]
    [InlineData("'=SUM(A1)", "=SUM(A1)")]
    [InlineData("'+1", "+1")]
    [InlineData("'-list", "-list")]
    [InlineData("'plain", "'plain")]
    public void The_formula_guard_comes_off(string cell, string value) => ResourceCsv.Unguard(cell).Should().Be(value);
}
