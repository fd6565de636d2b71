using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Clients;

/// <summary>
/// The contract as a third-party developer meets it: clients generated from the committed
/// openapi.yaml (TypeScript with openapi-typescript and openapi-fetch, C# with Kiota) list
/// commitments to the last cursor, fetch UK0075 with its milestones and receive typed problems,
/// over real HTTP against the service on a loopback port. A contract that the generators cannot
/// read, that does not compile against the scripts, or that the service does not keep fails here.
/// The commands are the README's (section Clients).
/// </summary>
public sealed class GeneratedClientTests
{
    static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    ApiFactory service = null!;
    string baseUrl = null!;

    [OneTimeSetUp]
    public void StartService()
    {
        service = new ApiFactory();
        service.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        service.StartServer();
        baseUrl = service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    [OneTimeTearDown]
    public void StopService() => service.Dispose();

    [Test]
    public void TheTypeScriptClientWorksAgainstTheService()
    {
        var npm = RequireNode("npm");
        var node = RequireNode("node");

        var dir = Path.Combine(Repo.Root, "clients", "typescript");
        var npmQuiet = new Dictionary<string, string>
        {
            ["NPM_CONFIG_UPDATE_NOTIFIER"] = "false", ["NPM_CONFIG_FUND"] = "false", ["NPM_CONFIG_AUDIT"] = "false",
        };
        // node_modules/.package-lock.json is npm's record of what it installed: absent or older than the lock, install again.
        var installed = new FileInfo(Path.Combine(dir, "node_modules", ".package-lock.json"));
        if (!installed.Exists || installed.LastWriteTimeUtc < File.GetLastWriteTimeUtc(Path.Combine(dir, "package-lock.json")))
            Step(Command.Run(npm, ["ci"], dir, InstallTimeout, npmQuiet));

        // Nothing left from an earlier run may stand in for this one's output.
        foreach (var stale in new[] { "generated", "dist" })
            if (Directory.Exists(Path.Combine(dir, stale))) Directory.Delete(Path.Combine(dir, stale), recursive: true);

        Step(Command.Run(npm, ["run", "generate"], dir, StepTimeout, npmQuiet));
        Step(Command.Run(npm, ["run", "build"], dir, StepTimeout, npmQuiet));
        var run = Step(Command.Run(node, ["dist/check.js", baseUrl], dir, StepTimeout));
        TestContext.Out.WriteLine(run.Output);
        Assert.That(run.Output, Does.Contain("every check passed"));
    }

    [Test]
    public void TheCSharpClientWorksAgainstTheService()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Command.Find("dotnet") ?? "dotnet";
        var dir = Path.Combine(Repo.Root, "clients", "csharp");
        var kiotaOffline = new Dictionary<string, string>
        {
            // No update check or telemetry: generation reads only the local file.
            ["KIOTA_OFFLINE_ENABLED"] = "true", ["KIOTA_CLI_TELEMETRY_OPTOUT"] = "true", ["KIOTA_TUTORIAL_ENABLED"] = "false",
        };

        Step(Command.Run(dotnet, ["tool", "restore"], Repo.Root, InstallTimeout));
        Step(Command.Run(dotnet, ["kiota", "generate", "--language", "CSharp", "--openapi", "../../openapi.yaml",
            "--output", "Generated", "--class-name", "OpenGovClient", "--namespace-name", "OpenGov.Client.Generated",
            "--exclude-backward-compatible", "--clean-output"], dir, StepTimeout, kiotaOffline));
        Step(Command.Run(dotnet, ["build", "--nologo", "-v", "q"], dir, InstallTimeout));
        var run = Step(Command.Run(dotnet, ["run", "--no-build", "--", baseUrl], dir, StepTimeout));
        TestContext.Out.WriteLine(run.Output);
        Assert.That(run.Output, Does.Contain("every check passed"));
    }

    static string RequireNode(string program) =>
        Command.Find(program) ?? throw new AssertionException(
            $"'{program}' is not on PATH: the TypeScript client test needs Node.js and npm (Debian: apt-get install nodejs npm).");

    static CommandResult Step(CommandResult result)
    {
        TestContext.Out.WriteLine($"[{result.Elapsed.TotalSeconds:0.0} s] {result.Line} -> {result.ExitCode}");
        Assert.That(result.ExitCode, Is.EqualTo(0), $"`{result.Line}` failed (exit code {result.ExitCode}):\n{result.Output}");
        return result;
    }
}
