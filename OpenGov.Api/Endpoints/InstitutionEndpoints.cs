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
            .WithDescription("Institutions that lead or support commitments: a member's own bodies (one per member, however common the name) "
                + "and international bodies (one for every member that names them). commitment=, member= and role= hold together on one link: "
                + "role=lead&member=kenya lists the institutions that lead a Kenyan commitment.").WithMetadata(InstitutionQueries.Collection);
        group.MapGet("/{id}", Get).WithName("GetInstitution").WithSummary("Get one institution")
            .WithDescription("One institution: its id and name in the language asked for, its members, whether it is an international body. "
                + "Its commitments: /v1/commitments?institution={id}. An id of before institutions were one per member (schema 18) "
                + "is a 301 to the institution it became, or, where it became one per member (parliament), to /v1/institutions?former_id={id}; "
                + "the query asked (release, lang, format) is kept.")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(404);
        return group;
    }

    static Task<Results<DataResult<Page<Institution>>, ValidationProblem, ProblemHttpResult>> List(HttpContext http, InstitutionQueries q) =>
        PageAsync(http, InstitutionQueries.Collection, q.ListAsync);

    static async Task<Results<DataResult<Item<Institution>>, RedirectHttpResult, ValidationProblem, ProblemHttpResult>> Get(
        [Description("Institution id, e.g. cabinet-office"), Example("cabinet-office")] string id, HttpContext http, InstitutionQueries q)
    {
        var answer = (await ItemAsync(http, "institution", id, q.GetAsync)).Result;
        if (answer is ProblemHttpResult { StatusCode: 404 } notFound)
        {
            // v1 keeps its URLs: an id of before leads to what it became.
            var successors = await q.SuccessorsAsync(id, ReadContext.ScopeOf(http));
            if (successors.Count == 0) return notFound;
            return TypedResults.Redirect(successors.Count == 1
                ? Links.Moved(http.Request, $"/v1/institutions/{Uri.EscapeDataString(successors[0])}")
                : Links.Moved(http.Request, "/v1/institutions", QueryString.Create("former_id", id)), permanent: true);
        }
        return answer switch
        {
            DataResult<Item<Institution>> found => found,
            ValidationProblem invalid => invalid,
            _ => (ProblemHttpResult)answer,
        };
    }
}
