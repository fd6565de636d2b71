using OpenGov.Tests.Clients;

namespace OpenGov.Tests.Support;

/// <summary>
/// Runs the readers and validators other people wrote (pinned in validators/package-lock.json:
/// Frictionless' datapackage, hyparquet, jsonld) on what the service serves. Each check is a small
/// Node script in validators/ that exits 0 when the file is read and valid, and otherwise prints why.
/// The first use installs the packages (npm ci) where validators/node_modules is missing or older
/// than the lock.
/// </summary>
public static class Validators
{
    static readonly string Dir = Path.Combine(Repo.Root, "validators");
    static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    static readonly Lock Installing = new();
    static bool _installed;

    /// <summary>Runs validators/<paramref name="script"/> with node and returns what it printed; fails the test when node is missing.</summary>
    public static CommandResult Run(string script, params string[] arguments)
    {
        Install();
        var node = Command.Find("node") ?? throw new AssertionException(
            "node is not on PATH: the format checks run validators written by others with it (Debian: apt-get install nodejs npm).");
        return Command.Run(node, [Path.Combine(Dir, script), .. arguments], Dir, TimeSpan.FromMinutes(3));
    }

    /// <summary>Runs a check and fails the test, with everything it printed, unless it exits 0.</summary>
    public static string Check(string script, params string[] arguments)
    {
        var result = Run(script, arguments);
        if (result.ExitCode != 0) Assert.Fail($"{result.Line} exited {result.ExitCode}:\n{result.Output}");
        return result.Output;
    }

    static void Install()
    {
        lock (Installing)
        {
            if (_installed) return;
            var lockFile = Path.Combine(Dir, "package-lock.json");
            var installedRecord = Path.Combine(Dir, "node_modules", ".package-lock.json");
            if (!File.Exists(installedRecord) || File.GetLastWriteTimeUtc(installedRecord) < File.GetLastWriteTimeUtc(lockFile))
            {
                var npm = Command.Find("npm") ?? throw new AssertionException(
                    "npm is not on PATH: the format checks install their validators with it (Debian: apt-get install nodejs npm).");
                // --ignore-scripts: none of the validators needs an install script.
                var result = Command.Run(npm, ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], Dir, InstallTimeout);
                if (result.ExitCode != 0) Assert.Fail($"npm ci in validators/ failed (exit code {result.ExitCode}):\n{result.Output}");
            }
            _installed = true;
        }
    }
}
