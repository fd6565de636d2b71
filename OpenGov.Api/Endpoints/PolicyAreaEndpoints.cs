using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Http;
using OpenGov.Api.OpenApi;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using static OpenGov.Api.Http.Responses;

namespace OpenGov.Api.Endpoints;

internal static class PolicyAreaEndpoints
{
    public static RouteGroupBuilder MapPolicyAreas(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/policy-areas").WithTags("Policy areas");
        group.MapGet("/", List).WithName("ListPolicyAreas").WithSummary("List policy areas")
            .WithDescription("OGP's policy-area tags.").WithMetadata(PolicyAreaQueries.Collection);
        group.MapGet("/{id}", Get).WithName("GetPolicyArea").WithSummary("Get one policy area")
            .WithDescription("One policy area: its id and name in the language asked for. Its commitments: /v1/commitments?policy_area={id}.")
            .ProducesProblem(404);
        return group;
    }

    static Task<Results<DataResult<Page<PolicyArea>>, ValidationProblem, ProblemHttpResult>> List(HttpContext http, PolicyAreaQueries q) =>
        PageAsync(http, PolicyAreaQueries.Collection, q.ListAsync);

    static Task<Results<DataResult<Item<PolicyArea>>, ValidationProblem, ProblemHttpResult>> Get(
        [Description("Policy area id, e.g. e-government"), Example("e-government")] string id, HttpContext http, PolicyAreaQueries q) =>
        ItemAsync(http, "policy area", id, q.GetAsync);
}
