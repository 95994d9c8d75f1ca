using Haven.Core.Mail;
using Haven.Core.Shared;
using Haven.Core.Text;
using NodaTime;
using NodaTime.Text;

namespace Haven.Core.News;

/// <summary>A post's editable fields as the editor typed them (the date and the embargo as text in the site's zone),
/// and the rules they must meet on their own. Whether the organization, author, topics and address exist is
/// checked against the database when saving.</summary>
public sealed record PostFields
{
    public static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");
    public static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public PostKind Kind { get; init; }
    public string? Title { get; init; }
    public string? Slug { get; init; }
    public string? Summary { get; init; }
    public string? Body { get; init; }
    public int? OwnerOrganizationId { get; init; }
    public int? AuthorPersonId { get; init; }
    public string? Byline { get; init; }
    public IReadOnlyList<int> TopicIds { get; init; } = [];
    public string? Language { get; init; }
    /// <summary>The date the post carries, like 2026-11-24; empty for today.</summary>
    public string? PublishedOn { get; init; }
    public bool IsDraft { get; init; }
    /// <summary>Local date and time in the site's zone, like 2026-12-01T09:00; empty for no embargo.</summary>
    public string? EmbargoUntil { get; init; }
    public bool CommentsEnabled { get; init; } = true;
    public string? ContactName { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public string? DatelineCity { get; init; }

    /// <summary>The fields as they are checked and stored: plain text stripped of markup (<see cref="UserText"/>),
    /// the body's line breaks as "\n", never null. Limits are checked on the cleaned text, before cutting.</summary>
    public PostFields Cleaned() => this with
    {
        Title = UserText.Line(Title, int.MaxValue),
        Slug = (Slug ?? "").Trim(),
        Summary = UserText.Paragraphs(Summary, int.MaxValue),
        Body = (Body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
        Byline = UserText.Line(Byline, int.MaxValue),
        TopicIds = TopicIds.Distinct().ToList(),
        Language = (Language ?? "").Trim(),
        PublishedOn = (PublishedOn ?? "").Trim(),
        EmbargoUntil = (EmbargoUntil ?? "").Trim(),
        ContactName = Kind == PostKind.PressRelease ? UserText.Line(ContactName, int.MaxValue) : "",
        ContactEmail = Kind == PostKind.PressRelease ? UserText.Line(ContactEmail, int.MaxValue) : "",
        ContactPhone = Kind == PostKind.PressRelease ? UserText.Line(ContactPhone, int.MaxValue) : "",
        DatelineCity = Kind == PostKind.PressRelease ? UserText.Line(DatelineCity, int.MaxValue) : "",
    };

    /// <summary>The date the post carries, or today in <paramref name="zone"/> when empty; null when it is not a date.</summary>
    public LocalDate? Date(DateTimeZone zone, Instant now)
    {
        var text = (PublishedOn ?? "").Trim();
        if (text.Length == 0) return now.InZone(zone).Date;
        var parsed = DatePattern.Parse(text);
        return parsed.Success ? parsed.Value : null;
    }

    /// <summary>The embargo's end as an instant (a time that falls twice is read as the first), or null when empty,
    /// not a time, or a time clocks skip (see <see cref="Problems"/>).</summary>
    public Instant? Embargo(DateTimeZone zone)
    {
        var parsed = LocalPattern.Parse((EmbargoUntil ?? "").Trim());
        if (!parsed.Success) return null;
        var mapping = zone.MapLocal(parsed.Value);
        return mapping.Count == 0 ? null : mapping.First().ToInstant();
    }

    /// <summary>Every problem with the fields themselves, at once (the embargo's time against the stored one is
    /// <see cref="Post.CheckEmbargo"/>'s, when saving).</summary>
    public List<Problem> Problems(DateTimeZone zone, Instant now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var f = Cleaned();
        var problems = new List<Problem>();
        void Limit(string value, int max, string field)
        {
            if (value.Length > max) problems.Add(new Problem("too_long", "Keep this under {0} characters.", field, max));
        }

        if (!Enum.IsDefined(f.Kind)) problems.Add(new Problem("invalid", "Choose a kind of post.", nameof(Kind)));
        if (f.Title!.Length == 0) problems.Add(new Problem("required", "Enter a title.", nameof(Title)));
        Limit(f.Title, Post.TitleMaxLength, nameof(Title));
        if (f.Slug!.Length > 0 && UniqueSlug.Check(f.Slug, "post") is { } slugProblem) problems.Add(slugProblem);
        Limit(f.Summary!, Post.SummaryMaxLength, nameof(Summary));
        if (f.Body!.Length == 0) problems.Add(new Problem("required", "Write the post.", nameof(Body)));
        Limit(f.Body, Post.BodyMaxLength, nameof(Body));
        Limit(f.Byline!, Post.BylineMaxLength, nameof(Byline));
        if (f.OwnerOrganizationId is null) problems.Add(new Problem("required", "Choose the organization publishing this post.", nameof(OwnerOrganizationId)));
        if (!Languages.IsContentLanguage(f.Language)) problems.Add(new Problem("invalid", "Choose a language.", nameof(Language)));
        if (f.Date(zone, now) is null)
            problems.Add(new Problem("invalid_date", "Enter the date like 2026-11-24, or leave it empty for today.", nameof(PublishedOn)));
        if (f.EmbargoUntil!.Length > 0)
        {
            var parsed = LocalPattern.Parse(f.EmbargoUntil);
            if (!parsed.Success)
                problems.Add(new Problem("invalid_datetime", "Enter the embargo's date and time, like 2026-12-01T09:00, or leave it empty.", nameof(EmbargoUntil)));
            else if (zone.MapLocal(parsed.Value).Count == 0)
                problems.Add(new Problem("time_in_gap", "Clocks skip this time in {0} for daylight-saving time: choose another time.", nameof(EmbargoUntil), zone.Id));
        }
        problems.AddRange(Post.CheckContact(f.Kind, f.ContactName!, f.ContactEmail!, f.ContactPhone!));
        Limit(f.ContactName!, Post.ContactNameMaxLength, nameof(ContactName));
        if (f.ContactEmail!.Length > Post.ContactEmailMaxLength) Limit(f.ContactEmail, Post.ContactEmailMaxLength, nameof(ContactEmail));
        else if (f.ContactEmail.Length > 0 && !EmailAddress.IsValid(f.ContactEmail))
            problems.Add(new Problem("invalid_email", "Enter an email address like name@example.org.", nameof(ContactEmail)));
        Limit(f.ContactPhone!, Post.ContactPhoneMaxLength, nameof(ContactPhone));
        Limit(f.DatelineCity!, Post.DatelineMaxLength, nameof(DatelineCity));
        return problems;
    }
}
