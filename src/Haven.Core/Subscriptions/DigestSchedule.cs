using NodaTime;

namespace Haven.Core.Subscriptions;

/// <summary>When digests go out: daily at <see cref="Hour"/> in the site's zone, weekly on <see cref="WeeklyDay"/> at
/// the same hour. A digest is due once the first such moment after the previous one (or the confirmation) has come.</summary>
public sealed class DigestSchedule(DateTimeZone zone, int hour = DigestSchedule.DefaultHour, IsoDayOfWeek weeklyDay = IsoDayOfWeek.Monday)
{
    public const int DefaultHour = 8;

    public int Hour { get; } = hour is >= 0 and < 24 ? hour : throw new ArgumentOutOfRangeException(nameof(hour));
    public IsoDayOfWeek WeeklyDay { get; } = weeklyDay;

    /// <summary>The first sending moment of <paramref name="frequency"/> strictly after <paramref name="after"/>.</summary>
    public Instant NextAfter(SubscriptionFrequency frequency, Instant after)
    {
        if (frequency == SubscriptionFrequency.Immediate) return after;
        var local = after.InZone(zone).LocalDateTime;
        var date = local.Date;
        var candidate = At(date);
        if (candidate <= after) candidate = At(date = date.PlusDays(1));
        if (frequency == SubscriptionFrequency.Weekly)
        {
            while (date.DayOfWeek != WeeklyDay) date = date.PlusDays(1);
            candidate = At(date);
        }
        return candidate;
    }

    /// <summary>Whether a subscription of <paramref name="frequency"/>, last sent (or confirmed) at
    /// <paramref name="since"/>, has a digest due at <paramref name="now"/>.</summary>
    public bool IsDue(SubscriptionFrequency frequency, Instant since, Instant now) =>
        frequency == SubscriptionFrequency.Immediate || NextAfter(frequency, since) <= now;

    private Instant At(LocalDate date) => zone.AtLeniently(date.At(new LocalTime(Hour, 0))).ToInstant();
}
