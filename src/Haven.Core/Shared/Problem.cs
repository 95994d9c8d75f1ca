namespace Haven.Core.Shared;

/// <summary>An expected failure: a stable code, the field it concerns (if any) and an English message that doubles as the localization key.</summary>
public sealed record Problem(string Code, string Message, string? Field = null, params object[] Arguments)
{
    public override string ToString() => Field is null ? $"{Code}: {Message}" : $"{Code} ({Field}): {Message}";
}

/// <summary>The outcome of a use case: a value, or the problems that stopped it (nothing was changed then).</summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, IReadOnlyList<Problem> problems)
    {
        Value = value;
        Problems = problems;
    }

    public T? Value { get; }
    public IReadOnlyList<Problem> Problems { get; }
    public bool Succeeded => Problems.Count == 0;

    public static Outcome<T> Success(T value) => new(value, []);
    public static Outcome<T> Failure(IReadOnlyList<Problem> problems) =>
        problems.Count == 0 ? throw new ArgumentException("A failure needs at least one problem.", nameof(problems)) : new(default, problems);
    public static Outcome<T> Failure(Problem problem) => new(default, [problem]);
}
