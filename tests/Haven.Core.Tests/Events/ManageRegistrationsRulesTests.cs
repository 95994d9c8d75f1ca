using System.Text;
using AwesomeAssertions;
using Haven.Core.Events;
using NodaTime;

namespace Haven.Core.Tests.Events;

/// <summary>The pure parts of the hosts' registrant management: which buttons a registration has, which statuses a
/// message group covers, and the CSV export (RFC 4180 quoting, formula cells escaped, times in the event's zone,
/// answers per question).</summary>
public sealed class ManageRegistrationsRulesTests
{
    private static readonly Event Chicago = new() { Slug = "detainers-101", Title = "Detainers 101", StartsAt = Instant.FromUtc(2026, 7, 15, 19, 0), TimeZoneId = "America/Chicago" };

    private static Registration Person(int id, string name, RegistrationStatus status = RegistrationStatus.Confirmed, string organization = "", string answers = "{}") => new()
    {
        Id = id,
        Name = name,
        Email = $"p{id}@example.org",
        NormalizedEmail = $"p{id}@example.org",
        Organization = organization,
        Status = status,
        AnswersJson = answers,
        // Person 1 at 07:30 UTC, 01:30 CST; person 2 at 08:30 UTC, 03:30 CDT: Chicago's clocks sprang forward between.
        CreatedAt = Instant.FromUtc(2026, 3, 8, 6, 30) + Duration.FromHours(id),
    };

    private static string[] Lines(byte[] csv)
    {
        var preamble = Encoding.UTF8.GetPreamble();
        csv.AsSpan(0, preamble.Length).SequenceEqual(preamble).Should().BeTrue("the file starts with a UTF-8 byte order mark, so spreadsheets read accents right");
        var text = Encoding.UTF8.GetString(csv, preamble.Length, csv.Length - preamble.Length);
        text.Should().EndWith("\r\n");
        return text[..^2].Split("\r\n");
    }

    [Theory]
    [InlineData(RegistrationStatus.PendingApproval, new[] { RegistrationAction.Approve, RegistrationAction.Decline })]
    [InlineData(RegistrationStatus.Confirmed, new[] { RegistrationAction.MoveToWaitlist, RegistrationAction.Decline })]
    [InlineData(RegistrationStatus.Waitlisted, new[] { RegistrationAction.Confirm, RegistrationAction.Decline })]
    [InlineData(RegistrationStatus.Declined, new RegistrationAction[0])]
    [InlineData(RegistrationStatus.Cancelled, new RegistrationAction[0])]
    public void Each_status_has_its_buttons(RegistrationStatus status, RegistrationAction[] expected)
    {
        ManageRegistrations.ActionsFor(Person(1, "Ana", status)).Should().Equal(expected);
    }

    [Fact]
    public void An_erased_registration_has_no_buttons()
    {
        var erased = Person(1, "", RegistrationStatus.Confirmed);
        erased.ErasedAt = Instant.FromUtc(2026, 9, 1, 0, 0);
        ManageRegistrations.ActionsFor(erased).Should().BeEmpty();
    }

    [Fact]
    public void Message_groups_cover_their_statuses_and_all_active_covers_the_three()
    {
        ManageRegistrations.StatusesOf(RegistrantGroup.Confirmed).Should().Equal(RegistrationStatus.Confirmed);
        ManageRegistrations.StatusesOf(RegistrantGroup.Waitlisted).Should().Equal(RegistrationStatus.Waitlisted);
        ManageRegistrations.StatusesOf(RegistrantGroup.PendingApproval).Should().Equal(RegistrationStatus.PendingApproval);
        ManageRegistrations.StatusesOf(RegistrantGroup.AllActive).Should().BeEquivalentTo(
            [RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.PendingApproval]);
    }

    [Fact]
    public void The_export_has_the_fixed_columns_then_one_per_question_with_times_in_the_events_zone()
    {
        EventQuestion[] questions =
        [
            new() { Id = 7, Label = "Bar number", Position = 1 },
            new() { Id = 3, Label = "Which clinic?", Position = 0, Kind = QuestionKind.Choice },
            new() { Id = 9, Label = "Needs interpretation", Position = 2, Kind = QuestionKind.Checkbox },
        ];
        var ana = Person(1, "Ana Pérez", organization: "Defenders", answers: """{"3":"Dallas","7":"TX 123","9":true}""");
        ana.Language = "es";
        ana.Attended = true;
        var ben = Person(2, "Ben", RegistrationStatus.Waitlisted, answers: """{"9":false,"3":["Austin","Houston"]}""");

        var lines = Lines(RegistrationsCsv.Write(Chicago, questions, [ana, ben]));

        lines.Should().Equal(
            "Name,Email,Organization,Language,Status,Registered at,Attended,Which clinic?,Bar number,Needs interpretation",
            "Ana Pérez,p1@example.org,Defenders,es,Confirmed,2026-03-08 01:30,Yes,Dallas,TX 123,Yes",
            "Ben,p2@example.org,,en,Waitlisted,2026-03-08 03:30,No,Austin; Houston,,No");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")]
    [InlineData("+1 555 0100", "\"'+1 555 0100\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("Ana, Esq.", "\"Ana, Esq.\"")]
    [InlineData("Ana \"the lawyer\"", "\"Ana \"\"the lawyer\"\"\"")]
    [InlineData("Ana\nPérez", "\"Ana\nPérez\"")]
    [InlineData("a=b", "a=b")]
    public void Cells_a_spreadsheet_would_run_get_an_apostrophe_and_special_characters_are_quoted(string name, string cell)
    {
        var text = Encoding.UTF8.GetString(RegistrationsCsv.Write(Chicago, [], [Person(1, name)]));
        text.Should().Contain("\r\n" + cell + ",p1@example.org,");
    }

    [Fact]
    public void Question_labels_and_answers_are_guarded_too()
    {
        var text = Encoding.UTF8.GetString(RegistrationsCsv.Write(Chicago, [new EventQuestion { Id = 1, Label = "=cmd|' /C calc'!A0" }],
            [Person(1, "Ana", answers: """{"1":"@evil"}""")]));
        text.Should().Contain(",\"'=cmd|' /C calc'!A0\"\r\n").And.EndWith(",\"'@evil\"\r\n");
    }

    [Fact]
    public void Erased_registrations_are_counted_as_erased_rows_without_answers()
    {
        var erased = Person(1, "", answers: """{"1":"left over"}""");
        erased.Email = "";
        erased.ErasedAt = Instant.FromUtc(2026, 9, 1, 0, 0);
        var lines = Lines(RegistrationsCsv.Write(Chicago, [new EventQuestion { Id = 1, Label = "Q" }], [erased], s => s == "erased" ? "borrado" : s));
        lines[1].Should().Be("borrado,,,en,Confirmed,2026-03-08 01:30,No,");
    }

    [Fact]
    public void Words_are_translated_and_unreadable_answers_are_no_answers()
    {
        var lines = Lines(RegistrationsCsv.Write(Chicago, [new EventQuestion { Id = 1, Label = "Q" }], [Person(1, "Ana", answers: "not json")],
            s => s switch { "Name" => "Nombre", "Confirmed" => "Confirmado", "No" => "No", _ => s }));
        lines[0].Should().StartWith("Nombre,Email,");
        lines[1].Should().Be("Ana,p1@example.org,,en,Confirmado,2026-03-08 01:30,No,");
    }

    [Fact]
    public void The_file_is_named_after_the_event()
    {
        RegistrationsCsv.FileName(Chicago).Should().Be("detainers-101-registrations.csv");
    }
}
