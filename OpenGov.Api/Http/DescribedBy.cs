using Microsoft.Net.Http.Headers;
using OpenGov.Data.Export;

namespace OpenGov.Api.Http;

/// <summary>
/// The Link every CSV sends to its CSV on the Web metadata (RFC 8288 rel="describedby", as CSVW
/// locates metadata): /v1/csv-metadata/{collection}, with the keys ?fields= kept, in the release
/// the answer reads (see Endpoints/CsvMetadataEndpoints.cs).
/// </summary>
internal static class DescribedBy
{
    public static string Url(HttpRequest request, string collection, IReadOnlyList<string>? fields)
    {
        // An aggregate's columns are those of its group_by and measure: its metadata is asked with them.
        if (collection.EndsWith(AggregateSuffix, StringComparison.Ordinal))
            return Links.To(request, "/v1/csv-metadata/" + collection, QueryString.Create(
                AggregateShape.Where(request.Query.ContainsKey).Select(k => new KeyValuePair<string, string?>(k, request.Query[k].ToString()))));
        return Links.To(request, "/v1/csv-metadata/" + collection, fields is null ? default : QueryString.Create("fields", string.Join(',', fields)));
    }

    /// <summary>What an aggregate's CSV is named after its collection (commitments-aggregate), and the parameters its columns follow.</summary>
    public const string AggregateSuffix = "-aggregate";

    public static readonly string[] AggregateShape = ["group_by", "measure"];

    /// <summary>Adds the link to the answer's other links (the next page's).</summary>
    public static void Declare(HttpContext http, string collection, IReadOnlyList<string>? fields) =>
        http.Response.Headers.Append(HeaderNames.Link, $"<{Url(http.Request, collection, fields)}>; rel=\"describedby\"; type=\"{CsvwMetadata.MediaType}\"");
}
