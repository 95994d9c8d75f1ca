using AwesomeAssertions;
using Haven.Core.Comments;

namespace Haven.Core.Tests.Comments;

public sealed class PersonalDataDetectorTests
{
    [Theory]
    [InlineData("My A-number is A-123-456-789, can anyone help?")]
    [InlineData("A 12345678")]
    [InlineData("case A123456789 was continued")]
    [InlineData("his A#123456789")]
    [InlineData("A# 123 456 789")]
    [InlineData("a-087-654-321")]
    [InlineData("(A 208-123-456)")]
    public void Case_numbers_are_found(string text) =>
        PersonalDataDetector.Find(text).Should().Equal(PersonalDataKind.CaseNumber);

    [Theory]
    [InlineData("Call me at (555) 123-4567")]
    [InlineData("555-123-4567")]
    [InlineData("555.123.4567 after 5")]
    [InlineData("1-800-555-0199")]
    [InlineData("+1 555 123 4567")]
    [InlineData("en México: +52 55 1234 5678")]
    [InlineData("+44 20 7946 0958")]
    public void Phone_numbers_are_found(string text) =>
        PersonalDataDetector.Find(text).Should().Equal(PersonalDataKind.PhoneNumber);

    [Theory]
    [InlineData("write to ana.ruiz@example.org")]
    [InlineData("Maria+legal@clinic.example.com.")]
    public void Email_addresses_are_found(string text) =>
        PersonalDataDetector.Find(text).Should().Equal(PersonalDataKind.EmailAddress);

    [Fact]
    public void Several_kinds_are_all_named() =>
        PersonalDataDetector.Find("A-123-456-789, 555-123-4567, ana@example.org")
            .Should().Equal(PersonalDataKind.CaseNumber, PersonalDataKind.PhoneNumber, PersonalDataKind.EmailAddress);

    [Theory]
    [InlineData("The hearing is on 2025-03-14 at 9:30.")]
    [InlineData("On 03/14/2025 the court ruled.")]
    [InlineData("Since 1996, and again in 2024.")]
    [InlineData("The bond was $12,500.00, later $1,500,000.")]
    [InlineData("Our office is in ZIP 20001 (or 20001-1234).")]
    [InlineData("Section 287(g) and 8 U.S.C. 1357")]
    [InlineData("Form I-589, I-130 and DS-160")]
    [InlineData("About 12345678 people were affected.")]
    [InlineData("A 2019 report found 45% of cases were 123 days long.")]
    [InlineData("Plan A: 1 2 3")]
    [InlineData("Between 2019-2024 about 1,234,567 cases.")]
    [InlineData("Email the clinic through its website.")]
    [InlineData("")]
    public void Ordinary_numbers_and_text_are_not_flagged(string text) =>
        PersonalDataDetector.Find(text).Should().BeEmpty();
}
