using AwesomeAssertions;
using Haven.Core.Events;

namespace Haven.Core.Tests.Events;

public sealed class RegistrationAnswersTests
{
    private static readonly EventQuestion Role = new() { Id = 12, Kind = QuestionKind.Choice, Label = "Role", Options = "Attorney\n Organizer \n\nAttorney", Required = true, Position = 1 };
    private static readonly EventQuestion Needs = new() { Id = 13, Kind = QuestionKind.ShortText, Label = "Access needs", Position = 2 };
    private static readonly EventQuestion Agree = new() { Id = 14, Kind = QuestionKind.Checkbox, Label = "I agree", Required = true, Position = 3 };
    private static readonly EventQuestion News = new() { Id = 15, Kind = QuestionKind.Checkbox, Label = "Newsletter", Position = 4 };
    private static readonly EventQuestion[] All = [Role, Needs, Agree, News];

    private static Dictionary<int, string?> Answers(params (int Id, string? Value)[] values) => values.ToDictionary(v => v.Id, v => v.Value);

    [Fact]
    public void Valid_answers_are_stored_by_question_id_with_checkboxes_as_yes_or_no()
    {
        var (problems, json) = RegistrationAnswers.Check(All, Answers((12, " Organizer "), (13, " Captions "), (14, "on")));

        problems.Should().BeEmpty();
        RegistrationAnswers.Parse(json).Should().BeEquivalentTo(new Dictionary<int, string> { [12] = "Organizer", [13] = "Captions", [14] = "yes", [15] = "no" });
    }

    [Fact]
    public void Missing_required_answers_are_each_a_problem_at_their_field()
    {
        var (problems, json) = RegistrationAnswers.Check(All, Answers((12, "  ")));

        problems.Select(p => (p.Code, p.Field)).Should().BeEquivalentTo([("required", "Answers[12]"), ("required", "Answers[14]")]);
        json.Should().Be("{}");
    }

    [Fact]
    public void A_choice_must_be_one_of_the_options()
    {
        var (problems, _) = RegistrationAnswers.Check(All, Answers((12, "Judge"), (14, "yes")));

        problems.Should().ContainSingle().Which.Should().Match<Haven.Core.Shared.Problem>(p => p.Code == "invalid_choice" && p.Field == "Answers[12]");
        RegistrationAnswers.OptionsOf(Role).Should().Equal("Attorney", "Organizer");
    }

    [Fact]
    public void A_checkbox_is_on_or_off_and_nothing_else()
    {
        var (problems, _) = RegistrationAnswers.Check(All, Answers((12, "Attorney"), (14, "yes"), (15, "maybe")));

        problems.Should().ContainSingle().Which.Should().Match<Haven.Core.Shared.Problem>(p => p.Code == "invalid_checkbox" && p.Field == "Answers[15]");
    }

    [Fact]
    public void Short_text_is_at_most_500_characters()
    {
        RegistrationAnswers.Check(All, Answers((12, "Attorney"), (14, "on"), (13, new string('a', 500)))).Problems.Should().BeEmpty();
        var (problems, _) = RegistrationAnswers.Check(All, Answers((12, "Attorney"), (14, "on"), (13, new string('a', 501))));
        problems.Should().ContainSingle().Which.Should().Match<Haven.Core.Shared.Problem>(p => p.Code == "too_long" && p.Field == "Answers[13]");
    }

    [Fact]
    public void Answers_to_unknown_questions_are_ignored_and_optional_ones_may_be_left_out()
    {
        var (problems, json) = RegistrationAnswers.Check(All, Answers((12, "Attorney"), (14, "on"), (99, "sneaky")));

        problems.Should().BeEmpty();
        RegistrationAnswers.Parse(json).Keys.Should().BeEquivalentTo([12, 14, 15]);
    }

    [Fact]
    public void An_event_without_questions_stores_an_empty_object_and_unreadable_json_parses_to_nothing()
    {
        var (problems, json) = RegistrationAnswers.Check([], null);
        problems.Should().BeEmpty();
        json.Should().Be("{}");
        RegistrationAnswers.Parse("not json").Should().BeEmpty();
        RegistrationAnswers.Parse("""{"7":"Sí"}""").Should().ContainKey(7).WhoseValue.Should().Be("Sí");
    }
}
