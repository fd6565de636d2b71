using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Http;
using OpenGov.Data.Listing;
using OpenGov.Data.Queries;

namespace OpenGov.Api.Endpoints;

/// <summary>Counts per group of the collections whose fields have groups worth counting (see Http/Aggregates.cs).</summary>
internal static class AggregateEndpoints
{
    public static RouteGroupBuilder MapAggregates(this RouteGroupBuilder v1)
    {
        Map(v1, "/commitments/aggregate", "Commitments", "AggregateCommitments", CommitmentQueries.Collection, "commitments",
            "e.g. the share of commitments complete or substantial per member, potential impact per action plan, "
            + "or did it open government by policy area and start year.");
        Map(v1, "/irm-ratings/aggregate", "IRM ratings", "AggregateIrmRatings", IrmRatingQueries.Collection, "IRM ratings (one per commitment and stage)",
            "e.g. completion per stage and member, or the ratings of one IRM report.");
        Map(v1, "/milestones/aggregate", "Milestones", "AggregateMilestones", MilestoneQueries.Collection, "milestones",
            "e.g. milestones per member and end year.");
        return v1;
    }

    static void Map(RouteGroupBuilder v1, string pattern, string tag, string name, Collection collection, string what, string example) =>
        v1.MapGet(pattern, (Func<HttpContext, Task<Results<DataResult<AggregatePage>, ValidationProblem, ProblemHttpResult>>>)(http => Answer(http, collection))).WithTags(tag).WithName(name)
            .WithSummary($"Count {what.Split(' ')[0] switch { "IRM" => "IRM ratings", var w => w }} per group")
            .WithDescription($"How many {what} each group has, for dashboards: {example} The filters, q and lang of the list, with group_by= (up to "
                + $"{Collection.MaxGroupFields} fields; the year of a date as start_year or end_year, null for no date) and measure= (scales "
                + "counted per value, with every reason a rating is missing, the number assessed and each value's share of the assessed, and for an "
                + "ordered scale the share at least each value). A field with several values per record counts a record once per value, and "
                + "meta.overlapping says so. One row a group in CSV and NDJSON.")
            // Every aggregate reads the whole filtered set: it takes its turn in the lane of costly work.
            .WithMetadata(new AggregateOf(collection), CostlyWork.Always);

    static Task<Results<DataResult<AggregatePage>, ValidationProblem, ProblemHttpResult>> Answer(HttpContext http, Collection collection) =>
        Aggregates.AnswerAsync(http, collection);
}
