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
    public static async Task<PlanResults> ForAsync(ActionPlan plan, CommitmentQueries commitments, PageText text, CancellationToken ct)
    {
        var page = await commitments.ListAsync(new ListRequest([new Criterion("action_plan", Op.Eq, [plan.Id])], 0, null,
            Facets: ["completion", "potential_impact"], Lang: text.Lang), ct);
        IReadOnlyList<(string, long)> Rows(string facet, IReadOnlyList<string> order) =>
            (page.Facets?.GetValueOrDefault(facet) ?? [])
                .OrderBy(f => order.IndexOf(f.Value ?? "") is var i and >= 0 ? i : order.Count)
                .Select(f => (f.Name ?? text.Value(f.Value), f.Count)).ToList();
        return new(plan, page.Total, Rows("completion", SnakeCase.All<Completion>()), Rows("potential_impact", SnakeCase.All<PotentialImpact>()));
    }
}

static class ListOrder
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        return -1;
    }
}
