using Microsoft.OpenApi;
using OpenGov.Api.Http;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;
using Swashbuckle.AspNetCore.SwaggerGen;
using static OpenGov.Api.OpenApi.HeaderComponents;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// Documents every answer an operation can get, as the middleware and handlers really send them:
/// the headers of a 200 (validators, caching, language, paging, rate limits), the 304 of a
/// revalidation, the 206 of a range, and each error status as a reference to its problem
/// response. Which statuses apply follows the pipeline: request limits and failures anywhere;
/// parameter checks, rate limits and negotiation under /v1; the file's own conditions and ranges
/// on export files.
/// </summary>
internal sealed class AnswersFilter : IOperationFilter
{
    /// <summary>Refused before routing, on every path (RequestLimits), or a failure (the exception handler).</summary>
    static readonly int[] Anywhere = [413, 414, 415, 500];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var document = context.Document;
        var path = "/" + context.ApiDescription.RelativePath;
        var v1 = path.StartsWith("/v1", StringComparison.Ordinal);
        var exportFile = v1 && context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ReadPolicy>().LastOrDefault() == ReadPolicy.ExportFile;
        var collection = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Collection>().Any();
        var aggregate = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AggregateOf>().Any();
        var type = context.ApiDescription.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode == 200)?.Type;
        operation.Responses ??= [];
        var responses = operation.Responses;

        var problems = responses.Keys.Where(k => k[0] is '4' or '5').Select(int.Parse).Concat(Anywhere).ToHashSet();
        if (v1) problems.UnionWith([400, 429]);
        if (v1 && !exportFile) problems.UnionWith([404, 406]);
        // 410 is a pruned release's: only where ?release= is taken (the most specific policy is the last declared).
        if (v1 && !exportFile && context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ReadPolicy>().LastOrDefault() is { ReleasePinned: true })
            problems.Add(410);
        if (exportFile) problems.UnionWith([412, 416]);
        foreach (var status in problems) responses[status.ToString()] = ProblemComponents.Reference(document, status);

        if (responses.TryGetValue("200", out var ok) && ok is OpenApiResponse okResponse)
        {
            okResponse.Description = OkDescription(type, collection, exportFile) ?? okResponse.Description;
            if (exportFile)
            {
                // Link: a CSV file's rel="describedby", its CSVW metadata.
                Add(document, okResponse, ETag, LastModified, AcceptRanges, ContentDisposition, Link, RateLimit, RateLimitPolicy);
                var partial = new OpenApiResponse { Description = "The part of the file a Range asked for.", Content = okResponse.Content };
                Add(document, partial, ContentRange, ETag, LastModified, RateLimit, RateLimitPolicy);
                responses["206"] = partial;
            }
            else if (v1)
            {
                Add(document, okResponse, ETag, LastModified, CacheControl, Vary, RateLimit, RateLimitPolicy);
                if (IsLocalized(type) || aggregate) Add(document, okResponse, ContentLanguage);
                if (collection || aggregate) Add(document, okResponse, Link, ContentDisposition);
                if (aggregate)
                    okResponse.Description = "The groups: data, one object a group (its group fields, count, and each measure); meta (total, the records "
                        + "counted once each; groups; overlapping; limit; next_cursor; data_version; release); links (self, next). As CSV or NDJSON "
                        + "(?format= or Accept), one row or line a group, every group unless a limit is given.";
            }
        }
        if (v1)
        {
            var notModified = new OpenApiResponse
            {
                Description = "Not Modified: the If-None-Match sent names this answer's ETag, so the copy the client holds is current. No body; "
                    + (exportFile ? "the file's own validators." : "the database is not read, and the request costs a quarter of one."),
            };
            Add(document, notModified, exportFile ? [ETag, LastModified, RateLimit, RateLimitPolicy] : [ETag, LastModified, CacheControl, RateLimit, RateLimitPolicy]);
            responses["304"] = notModified;
        }

        // Successes first, then errors, each in the order of their codes: how a reader scans them in /docs.
        var ordered = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        responses.Clear();
        foreach (var (status, response) in ordered) responses[status] = response;
    }

    static string? OkDescription(Type? type, bool collection, bool exportFile)
    {
        if (exportFile) return "The whole file, with its size in Content-Length; ask for a part with Range (a 206).";
        if (collection)
            return "A page of records: data; meta (total, the exact count of matching records; limit; next_cursor; data_version; facets "
                + "when asked); links (self, and next while there is a next page). As CSV or NDJSON (?format= or Accept), the records alone, "
                + "one a row or a line, with the next page in the Link header; with limit=all (CSV and NDJSON only), every record in one streamed answer.";
        if (type is { IsGenericType: true } && type.GetGenericTypeDefinition() == typeof(Item<>))
            return "The record in data; links holds its own URL (self) and, in related, the collections that hang from it.";
        return null;
    }

    /// <summary>Whether the answer holds records with a language (Content-Language is then sent).</summary>
    static bool IsLocalized(Type? type) =>
        type is { IsGenericType: true } && (type.GetGenericTypeDefinition() == typeof(Page<>) || type.GetGenericTypeDefinition() == typeof(Item<>))
        && typeof(ILocalizedResource).IsAssignableFrom(type.GetGenericArguments()[0]);
}
