using System.Diagnostics;
using System.Text;

namespace OpenGov.Tests.Clients;

/// <summary>What a finished command printed (stdout and stderr as they came), its exit code and time.</summary>
public sealed record CommandResult(string Line, int ExitCode, string Output, TimeSpan Elapsed);

/// <summary>Runs the tools that generate and drive the clients, as a developer would in a shell.</summary>
public static class Command
{
    /// <summary>
    /// Runs a program to its end (or kills it, with its children, after the timeout) and returns
    /// everything it printed. Build tools may leave helper processes behind that keep the output
    /// pipes open, so the output is awaited only briefly once the program itself has exited.
    /// </summary>
    public static CommandResult Run(string program, IEnumerable<string> arguments, string workingDirectory,
        TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // The test runs inside `dotnet test`: its MSBuild settings must not leak into another build.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(name);
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;

        var line = $"{program} {string.Join(' ', info.ArgumentList)}";
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + line);
        process.StandardInput.Close();
        var stdout = Pump(process.StandardOutput, output);
        var stderr = Pump(process.StandardError, output);
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
            return new CommandResult(line, -1, Text(output) + $"\n(killed after {timeout.TotalSeconds:0} s)", clock.Elapsed);
        }
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
        return new CommandResult(line, process.ExitCode, Text(output), clock.Elapsed);
    }

    /// <summary>The full path of a program on PATH, or null when it is not installed.</summary>
    public static string? Find(string name)
    {
        var extensions = OperatingSystem.IsWindows() ? new[] { ".cmd", ".exe", "" } : [""];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => extensions.Select(ext => Path.Combine(dir, name + ext)))
            .FirstOrDefault(File.Exists);
    }

    static async Task Pump(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } text)
            lock (output) output.AppendLine(text);
    }

    static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
