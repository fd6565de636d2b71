using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Http;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using static OpenGov.Api.Http.Responses;

namespace OpenGov.Api.Endpoints;

internal static class MilestoneEndpoints
{
    public static RouteGroupBuilder MapMilestones(this RouteGroupBuilder v1)
    {
        v1.MapGet("/milestones", List).WithTags("Milestones").WithName("ListMilestones").WithSummary("List milestones")
            .WithDescription("Every commitment's milestones, ordered by commitment and number.").WithMetadata(MilestoneQueries.Collection);
        return v1;
    }

    static Task<Results<DataResult<Page<Milestone>>, ValidationProblem, ProblemHttpResult>> List(HttpContext http, MilestoneQueries q) =>
        PageAsync(http, MilestoneQueries.Collection, q.ListAsync);
}
