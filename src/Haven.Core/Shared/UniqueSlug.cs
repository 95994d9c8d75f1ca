using Microsoft.EntityFrameworkCore;

namespace Haven.Core.Shared;

/// <summary>Chooses the address (slug) of a new or edited row: the one asked for, if it is well-formed and no other
/// row has it, or else one made from the name and numbered past those already taken ("legal-aid-2").</summary>
public static class UniqueSlug
{
    /// <param name="requested">What the editor typed, already found well-formed by <see cref="Check"/>; empty means
    /// "make one from the name".</param>
    /// <param name="fallback">The address to start from when the name has no letters or digits to make one.</param>
    /// <param name="others">The addresses of every other row of the same table.</param>
    /// <param name="taken">The problem to report when another row already has the requested address.</param>
    /// <returns>The address, or null after adding a problem to <paramref name="problems"/>.</returns>
    public static async Task<string?> ChooseAsync(string? requested, string name, string fallback, IQueryable<string> others,
        Problem taken, List<Problem> problems, CancellationToken cancellationToken)
    {
        var wanted = (requested ?? "").Trim();
        if (wanted.Length > 0)
        {
            if (!Slug.IsValid(wanted)) throw new ArgumentException("Check the address with Check before choosing it.", nameof(requested));
            if (await others.AnyAsync(s => s == wanted, cancellationToken))
            {
                problems.Add(taken);
                return null;
            }
            return wanted;
        }
        var start = FromName(name, fallback);
        var similar = await others.Where(s => s.StartsWith(start)).ToListAsync(cancellationToken);
        return FirstFree(start, similar);
    }

    /// <summary>The problem with an address an editor typed, suggesting a well-formed one; null when it is well-formed.</summary>
    public static Problem? Check(string requested, string fallback)
    {
        if (Slug.IsValid(requested)) return null;
        var suggestion = Slug.From(requested);
        return new Problem("invalid_slug", "Use lower-case letters, digits and hyphens only, like \"{0}\".", "Slug",
            suggestion.Length > 0 ? suggestion : fallback);
    }

    /// <summary>An address made from a name, short enough to take a number after it.</summary>
    public static string FromName(string name, string fallback)
    {
        var slug = Slug.From(name);
        if (slug.Length == 0) slug = fallback;
        return slug.Length > Slug.MaxLength - 4 ? slug[..(Slug.MaxLength - 4)].TrimEnd('-') : slug;
    }

    /// <summary><paramref name="start"/> itself if no one has it, or else the first of start-2, start-3... that is free.</summary>
    public static string FirstFree(string start, IReadOnlyCollection<string> taken)
    {
        var candidate = start;
        for (var n = 2; taken.Contains(candidate); n++) candidate = $"{start}-{n}";
        return candidate;
    }
}
