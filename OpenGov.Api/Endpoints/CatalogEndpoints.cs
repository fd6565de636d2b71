using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Catalog;
using OpenGov.Api.Http;
using OpenGov.Data;
using OpenGov.Data.Export;
using OpenGov.Data.Queries;
using OpenGov.Data.Releases;

namespace OpenGov.Api.Endpoints;

internal static class CatalogEndpoints
{
    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder v1)
    {
        v1.MapGet("/catalog", Get).WithTags("Catalog").WithName("GetCatalog").WithSummary("The DCAT-AP 3 catalog of the data")
            .WithDescription("The data described for portals and harvesters, as DCAT-AP 3.0 JSON-LD: a dcat:Catalog holding the current "
                + "release's dcat:Dataset and a dcat:DatasetSeries of every release kept, one dcat:Dataset each (version, dates, the "
                + "import's note), each with a dcat:Distribution per export file (download URL at that release, media type, size, "
                + "licence, SHA-256), and the dcat:DataService of this API. It describes every release at once, so it takes no ?release=. "
                + "The first call after an import makes the current release's export files.")
            .WithReadPolicy(ReadPolicy.Catalog).WithMetadata(new Formats.JsonLd())
            .Produces<CatalogDocument>(StatusCodes.Status200OK, DcatCatalog.MediaType).ProducesProblem(StatusCodes.Status406NotAcceptable);
        return v1;
    }

    static async Task<Results<CatalogResult, ValidationProblem>> Get(HttpContext http, ReleaseQueries releases, CoverageQueries coverage,
        DatasetQueries datasets, ExportStore store, Db db, IConfiguration config)
    {
        if (http.Request.Query.Keys.FirstOrDefault() is { } unknown)
            return Problems.BadRequest(new Dictionary<string, string[]>
            {
                [unknown] = [$"Unknown parameter '{unknown}': the catalog takes no parameters. It describes every release at once; "
                    + "each release's files are at /v1/exports?release={id}."],
            });
        var read = ReadContext.ScopeOf(http);
        var described = new List<CatalogRelease>();
        foreach (var release in await releases.AllAsync(read))
        {
            if (release.Current)
            {
                described.Add(new CatalogRelease(release, await store.GetAsync(ReadContext.Of(http).DataVersion, read), await coverage.GetAsync(read)));
                continue;
            }
            // A release whose file was pruned, or that this service cannot read, has no files to describe (its URLs answer 410).
            var path = ReleaseFiles.PathOf(db.Path, release.Id);
            if (!File.Exists(path) || !ReleasePinning.Readable(path)) continue;
            var (files, covered) = await AtReleaseAsync(read with { File = path }, release.Id, store, coverage);
            described.Add(new CatalogRelease(release, files, covered));
        }
        var facts = new CatalogFacts(await datasets.GetAsync(read), described, CatalogPublisher.From(config));
        return new CatalogResult(DcatCatalog.Build(facts, path => Links.Plain(http.Request, path)));
    }

    /// <summary>An earlier release's files and coverage, read from its own file.</summary>
    static async Task<(ExportManifest, Coverage)> AtReleaseAsync(ReadScope release, string id, ExportStore store, CoverageQueries coverage) =>
        (await store.DescribeAsync(id, release), await coverage.GetAsync(release));
}

/// <summary>The catalog, written as JSON-LD.</summary>
internal sealed class CatalogResult(JsonObject catalog) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = DcatCatalog.MediaType;
        await JsonSerializer.SerializeAsync(http.Response.Body, catalog, cancellationToken: http.RequestAborted);
    }
}

/// <summary>
/// A DCAT-AP 3.0 catalog in JSON-LD (https://semiceu.github.io/DCAT-AP/releases/3.0.0/): its context, which maps the
/// prefixes used (dcat, dct, foaf, adms, spdx, vcard, dcatap, xsd) to their vocabularies, and the graph of its nodes.
/// </summary>
/// <param name="Context">The prefixes the graph uses, each to the IRI of its vocabulary.</param>
/// <param name="Graph">The nodes: the dcat:Catalog, its publisher (foaf:Agent), the dcat:DatasetSeries of releases, the dcat:DataService, and one dcat:Dataset per release with its dcat:Distributions.</param>
public sealed record CatalogDocument(
    [property: JsonPropertyName("@context")] IReadOnlyDictionary<string, string> Context,
    [property: JsonPropertyName("@graph")] IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Graph);
