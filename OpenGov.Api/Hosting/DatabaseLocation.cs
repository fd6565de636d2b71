namespace OpenGov.Api.Hosting;

/// <summary>
/// Where the database is (configuration key <c>db</c>: <c>--db path</c> or the <c>db</c> environment
/// variable) and where the sample dataset it is built from lives (key <c>data</c>).
/// </summary>
internal sealed record DatabaseLocation(string DbPath, string DataDir, bool IsDefault)
{
    public static DatabaseLocation From(IConfiguration configuration)
    {
        var dataDir = configuration["data"] ?? Path.Combine(AppContext.BaseDirectory, "data");
        var dbPath = configuration["db"];
        return new DatabaseLocation(
            Path.GetFullPath(dbPath ?? Path.Combine(AppContext.BaseDirectory, "opengov.db")), Path.GetFullPath(dataDir), dbPath is null);
    }
}
