using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OpenGov.Tests.Support;

/// <summary>
/// Runs Spectral, the OpenAPI linter pinned in lint/package-lock.json, with the repository's
/// .spectral.yaml. The first run installs it (npm ci) where lint/node_modules is missing.
/// </summary>
public static class Spectral
{
    /// <summary>One finding: its rule, where it is in the document, what it says, and how serious it is.</summary>
    public sealed record Finding(string Severity, string Rule, string Path, string Message)
    {
        public override string ToString() => $"{Severity} {Rule} at {Path}: {Message}";
    }

    static readonly string LintDir = System.IO.Path.Combine(Repo.Root, "lint");
    static readonly string Cli = System.IO.Path.Combine(LintDir, "node_modules", "@stoplight", "spectral-cli", "dist", "index.js");
    static readonly Lock Installing = new();

    /// <summary>Every finding of every severity (error, warning, info, hint) on the document at <paramref name="file"/>.</summary>
    public static IReadOnlyList<Finding> Lint(string file) => LintAll([file])[file];

    /// <summary>
    /// The findings of each document, by its path as given, from one run of the linter: most of a
    /// run's time is Node.js and the ruleset starting, not the linting, so documents are linted together.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Finding>> LintAll(IReadOnlyList<string> files)
    {
        Install();
        var full = files.ToDictionary(f => System.IO.Path.GetFullPath(f), f => f);
        var (exit, output, errors) = Run("node", LintDir, [Cli, "lint", "--ruleset", System.IO.Path.Combine(Repo.Root, ".spectral.yaml"),
            "--format", "json", "--quiet", "--fail-severity", "hint", .. full.Keys]);
        // Spectral exits 1 when it has findings, 2 when it could not lint at all (a broken ruleset or document).
        if (exit is not (0 or 1) || !output.TrimStart().StartsWith('['))
            Assert.Fail($"spectral could not lint {string.Join(", ", files)} (exit code {exit}):\n{errors}\n{output}");
        var found = files.ToDictionary(f => f, _ => new List<Finding>());
        foreach (var f in JsonNode.Parse(output)!.AsArray())
        {
            var source = System.IO.Path.GetFullPath((string)f!["source"]!);
            if (!full.TryGetValue(source, out var file)) Assert.Fail($"spectral reported a finding in {source}, which it was not given:\n{output}");
            found[file!].Add(new Finding(
                (int)f["severity"]! switch { 0 => "error", 1 => "warning", 2 => "info", _ => "hint" },
                (string)f["code"]!,
                string.Join('.', f["path"]!.AsArray().Select(p => p!.ToString())),
                (string)f["message"]!));
        }
        return found.ToDictionary(x => x.Key, x => (IReadOnlyList<Finding>)x.Value);
    }

    static void Install()
    {
        lock (Installing)
        {
            if (File.Exists(Cli)) return;
            // --ignore-scripts: the linter needs no install script (one dependency's would only send usage analytics).
            var (exit, output, errors) = Run(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", LintDir, "ci", "--ignore-scripts", "--no-audit", "--no-fund");
            if (exit != 0) Assert.Fail($"npm ci in lint/ failed (exit code {exit}):\n{errors}\n{output}");
        }
    }

    static (int Exit, string Output, string Errors) Run(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"{program} is not installed, and the OpenAPI lint needs it: install Node.js 18 or later with npm "
                + "(on Debian: apt-get install -y nodejs npm), then run the tests again.");
            throw;
        }
        using var running = process;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish in 5 minutes");
        }
        return (process.ExitCode, output.Result, errors.Result);
    }
}
