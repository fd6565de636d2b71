using System.Text.Json.Nodes;

namespace OpenGov.Tests.Support;

/// <summary>
/// Each sample commitment's filterable values, worked out in C# from the JSON files: the answer
/// the API's SQL must agree with, computed another way.
/// </summary>
public sealed record CommitmentFacts(string Id, IReadOnlyDictionary<string, string?> Scalars, IReadOnlyDictionary<string, IReadOnlyList<string>> Lists)
{
    static readonly string[] StageOrder = ["design", "midterm", "end_of_term", "results"];

    /// <summary>Summary field on commitments, the rating it reads, and the stages it looks at (null: all).</summary>
    public static readonly (string Field, string Rating, string[]? Stages)[] Summaries =
    [
        ("completion", "completion", null), ("completion_midterm", "completion", ["midterm"]),
        ("completion_end_of_term", "completion", ["end_of_term", "results"]), ("starred", "starred", null),
        ("verifiable", "verifiable", null), ("specificity", "specificity", null), ("potential_impact", "potential_impact", null),
        ("ambition", "potential_for_results", null), ("diog", "diog", null), ("early_results", "early_results", null),
        ("carried_forward", "carried_forward", null),
    ];

    public static IReadOnlyList<CommitmentFacts> All()
    {
        var plans = SampleFiles.Array("action-plans.json").ToDictionary(p => (string)p!["id"]!, p => p!.AsObject());
        var members = SampleFiles.Array("members.json").ToDictionary(m => (string)m!["id"]!, m => m!.AsObject());
        return SampleFiles.Commitments().Select(c =>
        {
            var plan = plans[(string)c["action_plan"]!];
            var member = members[(string)plan["member"]!];
            var stages = (c["irm_ratings"]?.AsArray() ?? []).Select(r => r!.AsObject())
                .OrderBy(r => Array.IndexOf(StageOrder, (string)r["stage"]!)).ToList();
            var scalars = new Dictionary<string, string?>
            {
                ["id"] = (string)c["id"]!,
                ["member"] = (string)plan["member"]!,
                ["country"] = (string?)member["iso3"],
                ["region"] = (string?)member["region"],
                ["member_kind"] = (string?)member["kind"],
                ["action_plan"] = (string)c["action_plan"]!,
                ["cycle"] = plan["cycle"]?.ToString(),
                ["status"] = (string)c["status"]!,
                ["start_date"] = (string?)c["start_date"],
                ["end_date"] = (string?)c["end_date"],
            };
            foreach (var (field, rating, only) in Summaries)
            {
                var assessed = stages.Where(s => only is null || only.Contains((string)s["stage"]!))
                    .Select(s => s["ratings"]![rating]).Where(v => v is not null).ToList();
                var value = assessed.LastOrDefault(v => v is not JsonObject);
                var reason = assessed.LastOrDefault(v => v is JsonObject);
                scalars[field] = value is not null ? value.ToJsonString().Trim('"') : (string?)reason?["missing"] ?? "";
            }
            var lists = new Dictionary<string, IReadOnlyList<string>>
            {
                ["policy_area"] = Strings(c["policy_areas"]),
                ["institution"] = [.. Strings(c["lead_institutions"]), .. Strings(c["supporting_institutions"])],
                ["lead_institution"] = Strings(c["lead_institutions"]),
                ["supporting_institution"] = Strings(c["supporting_institutions"]),
                ["ogp_value"] = stages.SelectMany(s => s["ratings"]!["relevance"] is JsonArray a ? Strings(a) : []).Distinct().ToList(),
            };
            return new CommitmentFacts((string)c["id"]!, scalars, lists);
        }).ToList();
    }

    static List<string> Strings(JsonNode? array) => array?.AsArray().Select(v => (string)v!).ToList() ?? [];

    /// <summary>Compares two published dates at the coarser of their precisions (2016-05 vs 2016-05-20 compares 2016-05 with 2016-05).</summary>
    public static int CompareDates(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        return string.CompareOrdinal(a[..n], b[..n]);
    }
}
