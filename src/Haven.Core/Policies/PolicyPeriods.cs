using System.Globalization;
using Haven.Core.Shared;
using NodaTime;
using NodaTime.Text;

namespace Haven.Core.Policies;

/// <summary>One period of a jurisdiction's position in an area: from <see cref="Start"/> to <see cref="End"/>
/// inclusive (null: still in force). <see cref="Id"/> is 0 for a record not saved yet.</summary>
public readonly record struct PolicyPeriod(int Id, LocalDate Start, LocalDate? End)
{
    public bool Overlaps(PolicyPeriod other) =>
        Start <= (other.End ?? LocalDate.MaxIsoValue) && other.Start <= (End ?? LocalDate.MaxIsoValue);

    public bool Covers(LocalDate date) => Start <= date && (End is null || date <= End.Value);
}

/// <summary>What placing a period among the others of its jurisdiction and area does: the problems that refuse it,
/// or the records it closes (their id and new end).</summary>
public sealed record PeriodPlan(IReadOnlyList<Problem> Problems, IReadOnlyList<PolicyPeriod> Closures)
{
    /// <summary>The periods it overlaps, when refused for that.</summary>
    public IReadOnlyList<PolicyPeriod> Conflicts { get; init; } = [];

    public bool Succeeded => Problems.Count == 0;
}

/// <summary>The history rules of one jurisdiction and area: a record starting after the current one closes it the
/// day before it starts; otherwise periods never overlap (a back-dated record that overlaps another is refused);
/// a period ends on or after its start; <see cref="AsOf"/> finds the record in force on a date.</summary>
public static class PolicyPeriods
{
    public static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    /// <summary>Places <paramref name="period"/> among <paramref name="others"/> (the same jurisdiction and area,
    /// the period itself excluded when it is an edit of a saved record).</summary>
    public static PeriodPlan Place(IEnumerable<PolicyPeriod> others, PolicyPeriod period)
    {
        ArgumentNullException.ThrowIfNull(others);
        var problems = new List<Problem>();
        if (period.End is { } end && end < period.Start)
        {
            problems.Add(new Problem("end_before_start", "The end date must be on or after the effective date.", "EndsOn"));
            return new PeriodPlan(problems, []);
        }

        var rest = others.Where(o => o.Id == 0 || o.Id != period.Id).ToList();
        var closures = new List<PolicyPeriod>();
        // The record in force until now, begun before this one: this one succeeds it.
        var current = rest.Select((o, i) => (Period: o, Index: i))
            .Where(x => x.Period.End is null && x.Period.Start < period.Start)
            .OrderByDescending(x => x.Period.Start).Take(1).ToList();
        if (current.Count == 1)
        {
            var closed = current[0].Period with { End = period.Start.PlusDays(-1) };
            closures.Add(closed);
            rest[current[0].Index] = closed;
        }

        var conflicts = rest.Where(o => o.Overlaps(period)).OrderBy(o => o.Start).ToList();
        foreach (var other in conflicts)
        {
            problems.Add(other.End is { } otherEnd
                ? new Problem("period_overlap", "This period overlaps the record in force from {0} to {1}.", "EffectiveOn", Iso(other.Start), Iso(otherEnd))
                : new Problem("period_overlap_current", "This period overlaps the record in force since {0}: a back-dated record must end before it.", "EffectiveOn", Iso(other.Start)));
        }
        return problems.Count > 0 ? new PeriodPlan(problems, []) { Conflicts = conflicts } : new PeriodPlan([], closures);
    }

    /// <summary>The period in force on <paramref name="date"/>, if any.</summary>
    public static T? AsOf<T>(IEnumerable<T> records, Func<T, PolicyPeriod> period, LocalDate date) where T : class =>
        records.Where(r => period(r).Covers(date)).OrderByDescending(r => period(r).Start).FirstOrDefault();

    public static PolicyRecord? AsOf(IEnumerable<PolicyRecord> records, LocalDate date) => AsOf(records, Of, date);

    public static PolicyPeriod Of(PolicyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new PolicyPeriod(record.Id, record.EffectiveOn, record.EndsOn);
    }

    public static string Iso(LocalDate date) => IsoDate.Format(date);

    /// <summary>Reads a date typed as YYYY-MM-DD; null for an empty value, false for a malformed one.</summary>
    public static bool TryParse(string? text, out LocalDate? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var result = IsoDate.Parse(text.Trim());
        if (!result.Success) return false;
        date = result.Value;
        return true;
    }

}
