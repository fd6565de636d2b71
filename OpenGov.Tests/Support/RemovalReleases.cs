using System.Text.Json.Nodes;
using OpenGov.Data.Sample;

namespace OpenGov.Tests.Support;

/// <summary>
/// Two releases of the sample in a folder of their own, served by a service of their own: the
/// second makes XE0001 active and removes XE0007 with its milestones and ratings. Both are built
/// before the service starts, which serves the second as built (its data folder is the edited one).
/// </summary>
public sealed class RemovalReleases : IDisposable
{
    readonly string dir;

    public string Db { get; }
    public string First { get; private set; } = "";
    public string Second { get; private set; } = "";
    public ApiFactory Factory { get; }
    public HttpClient Client { get; }

    RemovalReleases(string dir, string db, string data)
    {
        this.dir = dir;
        Db = db;
        Factory = new ApiFactory(db, new Dictionary<string, string> { ["data"] = data });
        Client = Factory.CreateClient();
    }

    public static async Task<RemovalReleases> PublishAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"opengov-removal-{Guid.NewGuid():N}");
        var data = Path.Combine(dir, "data");
        var db = Path.Combine(dir, "opengov.db");
        Scratch.CopyDirectory(Repo.DataDir, data);
        SampleDataset.Build(data, db);
        var xe0001 = Path.Combine(data, "commitments", "XE0001.json");
        var changed = JsonNode.Parse(File.ReadAllText(xe0001))!;
        Assume.That((string?)changed["status"], Is.EqualTo("inactive"), "the edit makes XE0001 active");
        changed["status"] = "active";
        File.WriteAllText(xe0001, changed.ToJsonString());
        File.Delete(Path.Combine(data, "commitments", "XE0007.json"));
        SampleDataset.Build(data, db);
        var releases = new RemovalReleases(dir, db, data);
        var listed = JsonNode.Parse(await releases.Client.GetStringAsync("/v1/releases"))!["data"]!.AsArray();
        Assert.That(listed, Has.Count.EqualTo(2));
        (releases.Second, releases.First) = ((string)listed[0]!["id"]!, (string)listed[1]!["id"]!);
        return releases;
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
