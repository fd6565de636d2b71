using OpenGov.Data;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;

namespace OpenGov.Api.Pages;

/// <summary>A plan's IRM results as the charts show them: how many of its commitments have each value of completion and of potential impact.</summary>
public sealed record PlanResults(ActionPlan Plan, long Commitments, IReadOnlyList<(string Label, long Count)> Completion, IReadOnlyList<(string Label, long Count)> PotentialImpact)
{
    /// <summary>
    /// The counts come from /v1's own list query with facets (limit 0: counts only), the same as
    /// /v1/commitments?action_plan={id}&amp;facets=completion,potential_impact&amp;limit=0 answers.
    /// </summary>
    public static async Task<PlanResults> ForAsync(ActionPlan plan, CommitmentQueries commitments, PageText text, ReadScope read)
    {
        var page = await commitments.ListAsync(new ListRequest([new Criterion("action_plan", Op.Eq, [plan.Id])], 0, null,
            Facets: ["completion", "potential_impact"], Lang: text.Lang), read);
        // In the scale's order (not started ... complete), the reasons a value is missing last.
        IReadOnlyList<(string, long)> Rows(string facet, IReadOnlyList<string> scale)
        {
            var rank = scale.Select((value, i) => (value, i)).ToDictionary(x => x.value, x => x.i);
            return (page.Facets?.GetValueOrDefault(facet) ?? [])
                .OrderBy(f => f.Value is { } v && rank.TryGetValue(v, out var i) ? i : scale.Count)
                .Select(f => (f.Name ?? text.Value(f.Value), f.Count)).ToList();
        }
        return new(plan, page.Total, Rows("completion", SnakeCase.All<Completion>()), Rows("potential_impact", SnakeCase.All<PotentialImpact>()));
    }
}
