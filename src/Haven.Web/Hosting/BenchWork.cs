using System.Diagnostics;

namespace Haven.Web.Hosting;

/// <summary>The work behind the benchmarks' <c>/_bench/work</c> endpoint: processor time, nothing else.</summary>
internal static class BenchWork
{
    public const int MaxMicroseconds = 100_000;

    /// <summary>About the size of a library search page.</summary>
    public const int AnswerLength = 40_000;

    /// <summary>Keeps the processor busy for <paramref name="microseconds"/>, then returns <see cref="AnswerLength"/>
    /// characters (which depend on the work done, so the loop cannot be optimized away).</summary>
    public static string Spin(int microseconds)
    {
        var started = Stopwatch.GetTimestamp();
        var x = 0.0;
        while (Stopwatch.GetElapsedTime(started).TotalMicroseconds < microseconds)
        {
            for (var i = 0; i < 64; i++) x = Math.Sqrt(x + i + 1);
        }

        return new string(x > 0 || microseconds == 0 ? 'a' : 'b', AnswerLength);
    }
}
