using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Http;
using OpenGov.Data;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;

namespace OpenGov.Api.Endpoints;

internal static class IndexEndpoints
{
    /// <summary>The collections the index links to, by path under /v1.</summary>
    static readonly string[] Collections =
        ["members", "action-plans", "commitments", "milestones", "irm-ratings", "irm-reports", "institutions", "policy-areas", "exports", "releases", "changes"];

    public static RouteGroupBuilder MapIndex(this RouteGroupBuilder v1)
    {
        v1.MapGet("/", Get).WithTags("Index").WithName("GetIndex").WithSummary("What this API serves")
            .WithDescription("Links to every collection, and the dataset's source, licence, data version and counts.");
        return v1;
    }

    static Task<Results<DataResult<Item<ApiIndex>>, ValidationProblem>> Get(HttpContext http, DatasetQueries q) =>
        Responses.SingleAsync(http, async () =>
        {
            var request = http.Request;
            var dataset = await q.GetAsync(ReadContext.ScopeOf(http));
            var links = Collections.ToDictionary(c => c.Replace('-', '_'), c => Links.To(request, "/v1/" + c));
            // The catalog describes every release at once and takes no ?release=: linked from the current data only.
            if (ReadContext.Of(http).ReleaseInUrl is null) links["catalog"] = Links.To(request, "/v1/catalog");
            links["openapi"] = Links.To(request, "/openapi.yaml");
            links["docs"] = Links.To(request, "/docs");
            return new Item<ApiIndex>(new ApiIndex("OpenGov API", "v1", dataset), new ItemLinks(Links.To(request, "/v1"), links));
        });
}

/// <summary>The API's name, its version, and the dataset it serves.</summary>
/// <param name="Name" example="OpenGov API">The API's name.</param>
/// <param name="ApiVersion" example="v1">The version of the contract: the path prefix every URL of it has. Within v1, changes are additions only (see CHANGELOG.md).</param>
/// <param name="Dataset">The data served: its source, licence, version, build time and counts.</param>
public sealed record ApiIndex(string Name, string ApiVersion, DatasetInfo Dataset);
