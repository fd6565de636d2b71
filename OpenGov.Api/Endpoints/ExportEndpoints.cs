using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using OpenGov.Api.Hosting;
using OpenGov.Api.Http;
using OpenGov.Api.OpenApi;
using OpenGov.Data;
using OpenGov.Data.Export;

namespace OpenGov.Api.Endpoints;

internal static class ExportEndpoints
{
    public static RouteGroupBuilder MapExports(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/exports").WithTags("Exports").WithReadPolicy(ReadPolicy.ExportList);
        group.MapGet("/", List).WithName("ListExports").WithSummary("Bulk exports of the current data version")
            .WithDescription("Commitments, milestones and IRM ratings as CSV and NDJSON, and the whole SQLite database, each with its rows, "
                + "bytes, SHA-256 and URL. Built once per data version (the first call may take a while on a large dataset).");
        group.MapGet("/{name}", Get).WithReadPolicy(ReadPolicy.ExportFile).WithName("GetExport").WithSummary("Download an export file")
            .WithDescription("The file with Content-Length, a strong ETag (from its SHA-256), Last-Modified and Range support "
                + "(206 for a range, 304 for a matching If-None-Match, 416 for a range outside the file).")
            .Produces(200, typeof(Stream), "text/csv", "application/x-ndjson", "application/vnd.sqlite3").ProducesProblem(404);
        return group;
    }

    static async Task<Results<DataResult<ExportList>, ValidationProblem>> List(HttpContext http, ExportStore store, DatasetState state)
    {
        if (Responses.Check<ExportInfo>(http, out var fields) is { } problem) return problem;
        var manifest = await store.GetAsync(ReadContext.Of(http).DataVersion, ReadContext.ScopeOf(http));
        // Pinned to a release, each file's URL names it too: without it, the file would be the current release's, not the one listed.
        var files = manifest.Files.Select(f => new ExportInfo(f.Name, f.Resource, f.Format, f.MediaType, f.Rows, f.Bytes, f.Sha256,
            manifest.DataVersion, Links.To(http.Request, "/v1/exports/" + f.Name))).ToList();
        return new DataResult<ExportList>(new ExportList(files, new ExportMeta(manifest.DataVersion, manifest.BuiltAt), new ItemLinks(Links.Self(http.Request), new Dictionary<string, string>())), fields);
    }

    static async Task<Results<ExportFileResult, ValidationProblem, ProblemHttpResult>> Get(
        [Description("The file's name, as /v1/exports lists it, e.g. commitments.csv"), Example("commitments.csv")] string name, HttpContext http, ExportStore store, DatasetState state)
    {
        if (Responses.Check<ExportInfo>(http) is { } problem) return problem;
        var manifest = await store.GetAsync(ReadContext.Of(http).DataVersion, ReadContext.ScopeOf(http));
        if (manifest.Files.FirstOrDefault(f => f.Name == name) is not { } file) return Problems.NotFound("export file", name);
        return new ExportFileResult(TypedResults.PhysicalFile(Path.Combine(store.Folder(manifest.DataVersion), file.Name), file.MediaType, file.Name,
            lastModified: manifest.BuiltAt, entityTag: new EntityTagHeaderValue($"\"{file.Sha256[..32]}\""), enableRangeProcessing: true), file.Bytes);
    }
}

/// <summary>
/// An export file. The file result refuses a range outside the file with a bare 416 in the file's
/// media type, which the status code pages leave alone; it is made a problem here, like every
/// other error of the API, keeping its Content-Range.
/// </summary>
internal sealed class ExportFileResult(PhysicalFileHttpResult file, long bytes) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        await file.ExecuteAsync(http);
        var response = http.Response;
        if (response.StatusCode != StatusCodes.Status416RangeNotSatisfiable || response.HasStarted) return;
        response.ContentLength = null;
        response.ContentType = null;
        response.Headers.ContentDisposition = default;
        await TypedResults.Problem(statusCode: StatusCodes.Status416RangeNotSatisfiable,
            detail: $"The range asked for lies outside the file of {bytes} bytes.").ExecuteAsync(http);
    }
}

/// <summary>The export files of the data version served.</summary>
/// <param name="Data">The files: commitments, milestones and irm-ratings as CSV and NDJSON, and the SQLite database.</param>
/// <param name="Meta">Which data version the files hold, and when they were built.</param>
/// <param name="Links">The list's own URL.</param>
public sealed record ExportList(IReadOnlyList<ExportInfo> Data, ExportMeta Meta, ItemLinks Links);

/// <summary>Which data version the files hold, and when they were built.</summary>
/// <param name="DataVersion" example="sample-a90091c79b285a53">The version of the data the files hold: the one served now.</param>
/// <param name="BuiltAt" example="2026-11-27T13:35:25+00:00">When the files were written (on the first request after the data version changed).</param>
public sealed record ExportMeta(string DataVersion, DateTimeOffset BuiltAt);

/// <summary>
/// One export file: its name, the resource and format it holds, its rows (records; null for the
/// database, which holds every table), its size, its SHA-256 (hex), its data version and where to get it.
/// </summary>
/// <param name="Name" example="commitments.csv">The file's name: what /v1/exports/{name} serves.</param>
/// <param name="Resource" example="commitments">The collection the file holds (commitments, milestones, irm-ratings), or database for the SQLite file.</param>
/// <param name="Format" example="csv">csv, ndjson or sqlite.</param>
/// <param name="MediaType" example="text/csv; charset=utf-8; header=present">The Content-Type the file is served with.</param>
/// <param name="Rows" example="9">How many records the file holds, as the collection's total; null for the database, which holds every table.</param>
/// <param name="Bytes" example="7650">The file's size in bytes.</param>
/// <param name="Sha256" example="cfd8849ace96f2e4ef1482a5e1acf6f5ab2582e9cce14dcc63dd30f0cc2a9a35">The SHA-256 of the file, in hex: check a download against it.</param>
/// <param name="DataVersion" example="sample-a90091c79b285a53">The version of the data the file holds.</param>
/// <param name="Url" example="http://localhost:5080/v1/exports/commitments.csv">Where to download the file.</param>
public sealed record ExportInfo(string Name, string Resource, string Format, string MediaType, long? Rows, long Bytes, string Sha256, string DataVersion, string Url);
