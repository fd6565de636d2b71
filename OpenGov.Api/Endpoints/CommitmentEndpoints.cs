using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Http;
using OpenGov.Api.OpenApi;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using static OpenGov.Api.Http.Responses;

namespace OpenGov.Api.Endpoints;

internal static class CommitmentEndpoints
{
    public static RouteGroupBuilder MapCommitments(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/commitments").WithTags("Commitments");
        group.MapGet("/", List).WithName("ListCommitments").WithSummary("List commitments")
            .WithDescription("Commitments with their plan, member, institutions, policy areas, OGP values and IRM ratings per stage.")
            .WithMetadata(CommitmentQueries.Collection);
        group.MapGet("/{id}", Get).WithName("GetCommitment").WithSummary("Get one commitment")
            .WithDescription("One commitment, looked up in any case (uk0075 is UK0075): its plan, member, institutions, policy areas, "
                + "description sections, IRM ratings per stage and their summary, with links to its milestones and ratings.")
            .ProducesProblem(404);
        group.MapGet("/{id}/milestones", ListMilestones).WithName("ListCommitmentMilestones").WithSummary("List a commitment's milestones")
            .WithDescription("The milestones in their order; the same as /v1/milestones?commitment={id}. 404 where the commitment does not exist.")
            .WithMetadata(MilestoneQueries.Collection).ProducesProblem(404);
        group.MapGet("/{id}/irm-ratings", ListRatings).WithName("ListCommitmentIrmRatings").WithSummary("List a commitment's IRM ratings")
            .WithDescription("One record per IRM stage, in stage order; the same as /v1/irm-ratings?commitment={id}. 404 where the commitment does not exist.")
            .WithMetadata(IrmRatingQueries.Collection).ProducesProblem(404);
        return group;
    }

    static Task<Results<DataResult<Page<Commitment>>, ValidationProblem, ProblemHttpResult>> List(HttpContext http, CommitmentQueries q) =>
        PageAsync(http, CommitmentQueries.Collection, q.ListAsync, csv: q.Csv, rendered: q.Rendered);

    static Task<Results<DataResult<Item<Commitment>>, ValidationProblem, ProblemHttpResult>> Get(
        [Description("OGP's commitment id, e.g. UK0075 (any case)"), Example("UK0075")] string id, HttpContext http, CommitmentQueries q) =>
        ItemAsync(http, "commitment", id, q.GetAsync, q.Rendered, "milestones", "irm-ratings");

    static Task<Results<DataResult<Page<Milestone>>, ValidationProblem, ProblemHttpResult>> ListMilestones(
        [Description("OGP's commitment id, e.g. UK0075"), Example("UK0075")] string id, HttpContext http, MilestoneQueries q) =>
        PageAsync(http, MilestoneQueries.Collection, q.ListAsync, new Parent("commitment", "commitment", id, "commitment"));

    static Task<Results<DataResult<Page<IrmRating>>, ValidationProblem, ProblemHttpResult>> ListRatings(
        [Description("OGP's commitment id, e.g. UK0075"), Example("UK0075")] string id, HttpContext http, IrmRatingQueries q) =>
        PageAsync(http, IrmRatingQueries.Collection, q.ListAsync, new Parent("commitment", "commitment", id, "commitment"));
}
