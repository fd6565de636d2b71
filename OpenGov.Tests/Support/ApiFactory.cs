using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OpenGov.Tests.Support;

/// <summary>
/// The service on a fresh database of its own, built from the sample data at start; or on the
/// database file given (which it then owns and deletes).
/// </summary>
public sealed class ApiFactory(string? dbPath = null, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public string DbPath { get; } = dbPath ?? Path.Combine(Path.GetTempPath(), $"opengov-test-{Guid.NewGuid():N}.db");

    /// <summary>A client whose every answer is checked against the OpenAPI document (see <see cref="ContractCheck"/>).</summary>
    public new HttpClient CreateClient() => ContractCheck.Client(this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("db", DbPath);
        builder.UseSetting("data", Repo.DataDir);
        // Limits stay on, so every answer has its rate-limit headers, but no test trips them unless it sets its own.
        builder.UseSetting("RateLimit:PermitLimit", "1000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(DbPath);
        if (Directory.Exists(DbPath + ".exports")) Directory.Delete(DbPath + ".exports", recursive: true);
        if (Directory.Exists(DbPath + ".releases")) Directory.Delete(DbPath + ".releases", recursive: true);
    }
}

/// <summary>Paths of the repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string DataDir => Path.Combine(Root, "data");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OpenGov.slnx"))) return dir.FullName;
        throw new InvalidOperationException("OpenGov.slnx not found above " + AppContext.BaseDirectory);
    }
}
