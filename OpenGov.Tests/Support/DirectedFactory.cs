using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenGov.Api.Cli;

namespace OpenGov.Tests.Support;

/// <summary>
/// The service on a database it does not own (ApiFactory deletes its file when done), and on a
/// data folder of the test's where one is given.
/// </summary>
public sealed class DirectedFactory(string db, string? data = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("db", db);
        // As ApiFactory: limits stay on, with their headers, but the matrices a fixture walks on one host do not trip them.
        builder.UseSetting("RateLimit:PermitLimit", "1000000");
        if (data is not null) builder.UseSetting("data", data);
        // As ApiFactory: limits on, so answers have their headers, but not tripped by a fixture's many cases
        // (the format matrix asks over 600 answers of one such host within a minute).
        builder.UseSetting("RateLimit:PermitLimit", "1000000");
    }

    public async Task<string> DataVersionAsync()
    {
        using var client = ContractCheck.Client(this);
        var index = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/v1"))!;
        return (string)index["data"]!["dataset"]!["data_version"]!;
    }
}

/// <summary>The import command as an operator runs it, in this process: its exit code and what it wrote.</summary>
public static class ImportCli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = ImportCommand.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }
}

/// <summary>Folders the tests copy to change them.</summary>
public static class Scratch
{
    public static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
