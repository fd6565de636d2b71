using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Catalog;
using OpenGov.Api.Http;
using OpenGov.Api.OpenApi;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using static OpenGov.Api.Http.Responses;

namespace OpenGov.Api.Endpoints;

internal static class ReleaseEndpoints
{
    public static RouteGroupBuilder MapReleases(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/releases").WithTags("Releases");
        group.MapGet("/", List).WithName("ListReleases").WithSummary("List releases")
            .WithDescription("Every release of the data, newest first: each import publishes one, which never changes and is kept "
                + "(until pruned). Pass a release's id as ?release= to any URL under /v1 to read the data as it said, or as since= to /v1/changes.")
            .WithMetadata(ReleaseQueries.Collection);
        group.MapGet("/{id}", Get).WithName("GetRelease").WithSummary("Get one release")
            .WithDescription("One release: when it was published, from which file (name and SHA-256), its note, its counts, and what it changed since the one before.")
            .ProducesProblem(404);
        return group;
    }

    static Task<Results<DataResult<Page<Release>>, ValidationProblem, ProblemHttpResult>> List(HttpContext http, ReleaseQueries q, IConfiguration config) =>
        PageAsync(http, ReleaseQueries.Collection, async (request, ct) =>
            (await q.ListAsync(request, ct)).Select(r => Citation.Of(r, http.Request, CatalogPublisher.From(config))));

    static Task<Results<DataResult<Item<Release>>, ValidationProblem, ProblemHttpResult>> Get(
        [Description("Release id, as /v1/releases lists it"), Example("sample-a90091c79b285a53")] string id, HttpContext http, ReleaseQueries q,
        IConfiguration config) =>
        ItemAsync(http, "release", id, async (id, lang, ct) =>
            await q.GetAsync(id, lang, ct) is { } release ? Citation.Of(release, http.Request, CatalogPublisher.From(config)) : null);
}
