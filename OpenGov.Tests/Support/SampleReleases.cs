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

    /// <summary>Edits one record of a collection's file of the copy (members.json, institutions.json...), found by its id.</summary>
    public void EditRecord(string file, string id, Action<JsonNode> edit)
    {
        var path = Path.Combine(Data, file);
        var records = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        edit(records.Single(r => (string?)r!["id"] == id)!);
        File.WriteAllText(path, records.ToJsonString());
    }

    /// <summary>Removes one commitment's file from the copy; its JSON is returned, to put it back in a later release.</summary>
    public JsonNode RemoveCommitment(string id)
    {
        var file = Path.Combine(Data, "commitments", id + ".json");
        var commitment = JsonNode.Parse(File.ReadAllText(file))!;
        File.Delete(file);
        return commitment;
    }

    /// <summary>Writes a commitment's file into the copy (a new one, or one removed before).</summary>
    public void PutCommitment(JsonNode commitment) =>
        File.WriteAllText(Path.Combine(Data, "commitments", (string)commitment["id"]! + ".json"), commitment.ToJsonString());

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

    /// <summary>Builds the database from the copy as it is now: a new release, where the data changed (with the publisher's note, where given).</summary>
    public void Publish(string? note = null) => SampleDataset.Build(Data, Db, note);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }
}
