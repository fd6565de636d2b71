using System.Text.Json.Nodes;

namespace OpenGov.Tests.Support;

/// <summary>
/// The sample dataset read straight from data/*.json, independently of the service's loader,
/// so that tests compare the API with the files and not with itself.
/// </summary>
public static class SampleFiles
{
    public static JsonArray Array(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.DataDir, file)))!.AsArray();

    public static IReadOnlyList<JsonObject> Commitments() =>
        Directory.GetFiles(Path.Combine(Repo.DataDir, "commitments"), "*.json").Order()
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject()).ToList();

    public static JsonObject Commitment(string id) => Commitments().Single(c => (string)c["id"]! == id);

    /// <summary>How many records each collection should hold, counted from the files.</summary>
    public static IReadOnlyDictionary<string, int> Counts()
    {
        var commitments = Commitments();
        return new Dictionary<string, int>
        {
            ["members"] = Array("members.json").Count,
            ["action-plans"] = Array("action-plans.json").Count,
            ["commitments"] = commitments.Count,
            ["milestones"] = commitments.Sum(c => c["milestones"]?.AsArray().Count ?? 0),
            ["irm-ratings"] = commitments.Sum(c => c["irm_ratings"]?.AsArray().Count ?? 0),
            ["irm-reports"] = Array("irm-reports.json").Count,
            ["institutions"] = Array("institutions.json").Count,
            ["policy-areas"] = Array("policy-areas.json").Count,
        };
    }
}
