using OpenGov.Data;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;

namespace OpenGov.Api.Pages;

/// <summary>A plan's IRM results as the charts show them: how many of its commitments have each value of completion and of potential impact.</summary>
public sealed record PlanResults(ActionPlan Plan, long Commitments, IReadOnlyList<(string Label, long Count)> Completion, IReadOnlyList<(string Label, long Count)> PotentialImpact)
{
    static readonly string[] Measures = ["completion", "potential_impact"];

    /// <summary>
    /// The results of <paramref name="plans"/>, all those of <paramref name="scope"/> (a member's, or one plan), from one
    /// statement: /v1's aggregate, as /v1/commitments/aggregate?member={id}&amp;group_by=action_plan&amp;measure=completion,potential_impact
    /// answers it, where counting each plan's facets took a statement per plan and facet.
    /// </summary>
    public static async Task<IReadOnlyList<PlanResults>> ForAsync(
        IReadOnlyList<ActionPlan> plans, Criterion scope, CommitmentQueries commitments, PageText text, ReadScope read)
    {
        var groups = await commitments.GroupsAsync(new ListRequest([scope], 0, null, Lang: text.Lang), ["action_plan"], Measures, read);
        var byPlan = groups.ToDictionary(g => (string)g.Values[0]!, StringComparer.OrdinalIgnoreCase);
        return [.. plans.Select(plan => byPlan.TryGetValue(plan.Id, out var group)
            ? new PlanResults(plan, group.Count, Rows(group.Measured[0], SnakeCase.All<Completion>(), text), Rows(group.Measured[1], SnakeCase.All<PotentialImpact>(), text))
            : new PlanResults(plan, 0, [], []))];
    }

    /// <summary>
    /// The values a plan's commitments have, as its facet listed them: in the scale's order (not started ... complete), then the
    /// reasons a value is missing, most first; no value at all as "not assessed".
    /// </summary>
    static IReadOnlyList<(string, long)> Rows(IReadOnlyDictionary<string, long> counts, IReadOnlyList<string> scale, PageText text)
    {
        var rank = scale.Select((value, i) => (value, i)).ToDictionary(x => x.value, x => x.i);
        return [.. counts.Where(c => c.Value > 0)
            .OrderBy(c => rank.TryGetValue(c.Key, out var i) ? i : scale.Count).ThenByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key.Length == 0 ? Vocabulary.Missing(true, text.Lang) : text.Value(c.Key), c.Value))];
    }
}
