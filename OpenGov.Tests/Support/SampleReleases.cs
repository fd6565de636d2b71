using System.Text.Json.Nodes;
using OpenGov.Data.Sample;

namespace OpenGov.Tests.Support;

/// <summary>
/// A copy of the sample data and a database built from it (its first release), in a folder of its
/// own: a test edits the copy and publishes it again for each further release. No export needed.
/// </summary>
public sealed class SampleReleases : IDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), $"opengov-releases-{Guid.NewGuid():N}");

    public string Data => Path.Combine(Dir, "data");

    public string Db => Path.Combine(Dir, "opengov.db");

    public SampleReleases()
    {
        Scratch.CopyDirectory(Repo.DataDir, Data);
        SampleDataset.Build(Data, Db);
    }

    /// <summary>Edits one commitment's file of the copy.</summary>
    public void EditCommitment(string id, Action<JsonNode> edit)
    {
        var file = Path.Combine(Data, "commitments", id + ".json");
        var commitment = JsonNode.Parse(File.ReadAllText(file))!;
        edit(commitment);
        File.WriteAllText(file, commitment.ToJsonString());
    }

    public void RemoveCommitment(string id) => File.Delete(Path.Combine(Data, "commitments", id + ".json"));

    /// <summary>
    /// The edits the release tests check a second release by: UK0075's French title changed, a sixth
    /// milestone added to it, and XE0001 made active.
    /// </summary>
    public void EditAsTheSecondRelease()
    {
        EditCommitment("UK0075", commitment =>
        {
            commitment["title"]!["fr"] = "Approche collaborative permanente de la réforme du gouvernement ouvert";
            commitment["milestones"]!.AsArray().Add(new JsonObject { ["number"] = 6, ["text"] = new JsonObject { ["en"] = "Publish a yearly review of the plan." } });
        });
        EditCommitment("XE0001", commitment =>
        {
            Assume.That((string?)commitment["status"], Is.EqualTo("inactive"), "the edit makes XE0001 active");
            commitment["status"] = "active";
        });
    }

    /// <summary>Builds the database from the copy as it is now: a new release, where the data changed.</summary>
    public void Publish() => SampleDataset.Build(Data, Db);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }
}
