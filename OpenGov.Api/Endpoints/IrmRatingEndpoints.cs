using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Http;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using static OpenGov.Api.Http.Responses;

namespace OpenGov.Api.Endpoints;

internal static class IrmRatingEndpoints
{
    public static RouteGroupBuilder MapIrmRatings(this RouteGroupBuilder v1)
    {
        v1.MapGet("/irm-ratings", List).WithTags("IRM ratings").WithName("ListIrmRatings").WithSummary("List IRM ratings")
            .WithDescription("One record per commitment and IRM stage (design, midterm, end_of_term, results). Each rating holds "
                + "its value, or in `missing` why there is none (no_data, not_reviewed, not_applicable, blank); a rating that is "
                + "null as a whole is one the stage does not assess.")
            .WithMetadata(IrmRatingQueries.Collection);
        return v1;
    }

    static Task<Results<DataResult<Page<IrmRating>>, ValidationProblem, ProblemHttpResult>> List(HttpContext http, IrmRatingQueries q) =>
        PageAsync(http, IrmRatingQueries.Collection, q.ListAsync);
}
