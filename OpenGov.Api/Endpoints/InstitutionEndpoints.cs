using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Http;
using OpenGov.Api.OpenApi;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using static OpenGov.Api.Http.Responses;

namespace OpenGov.Api.Endpoints;

internal static class InstitutionEndpoints
{
    public static RouteGroupBuilder MapInstitutions(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/institutions").WithTags("Institutions");
        group.MapGet("/", List).WithName("ListInstitutions").WithSummary("List institutions")
            .WithDescription("Institutions that lead or support commitments.").WithMetadata(InstitutionQueries.Collection);
        group.MapGet("/{id}", Get).WithName("GetInstitution").WithSummary("Get one institution")
            .WithDescription("One institution: its id and name in the language asked for. Its commitments: /v1/commitments?institution={id}.")
            .ProducesProblem(404);
        return group;
    }

    static Task<Results<DataResult<Page<Institution>>, ValidationProblem, ProblemHttpResult>> List(HttpContext http, InstitutionQueries q) =>
        PageAsync(http, InstitutionQueries.Collection, q.ListAsync);

    static Task<Results<DataResult<Item<Institution>>, ValidationProblem, ProblemHttpResult>> Get(
        [Description("Institution id, e.g. cabinet-office"), Example("cabinet-office")] string id, HttpContext http, InstitutionQueries q) =>
        ItemAsync(http, "institution", id, q.GetAsync);
}
