using System.Diagnostics;

namespace OpenGov.Data;

/// <summary>
/// Phase timings of a database build, for finding where an import spends its time. Printed to
/// standard error as each phase ends, and only when the environment variable
/// OPENGOV_IMPORT_TIMING is 1, so that normal output stays as it is.
/// </summary>
public static class BuildTimings
{
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("OPENGOV_IMPORT_TIMING") == "1";

    public static void Report(string phase, TimeSpan elapsed)
    {
        if (Enabled) Console.Error.WriteLine($"timing: {phase,-40}{elapsed.TotalSeconds,8:0.000} s");
    }

    /// <summary>Runs <paramref name="action"/> and reports how long it took as <paramref name="phase"/>.</summary>
    public static void Measure(string phase, Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        Report(phase, Stopwatch.GetElapsedTime(start));
    }

    public static T Measure<T>(string phase, Func<T> func)
    {
        var start = Stopwatch.GetTimestamp();
        var result = func();
        Report(phase, Stopwatch.GetElapsedTime(start));
        return result;
    }
}
