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
    public static string Url(HttpRequest request, string collection, IReadOnlyList<string>? fields) =>
        Links.To(request, "/v1/csv-metadata/" + collection, fields is null ? default : QueryString.Create("fields", string.Join(',', fields)));

    /// <summary>Adds the link to the answer's other links (the next page's).</summary>
    public static void Declare(HttpContext http, string collection, IReadOnlyList<string>? fields) =>
        http.Response.Headers.Append(HeaderNames.Link, $"<{Url(http.Request, collection, fields)}>; rel=\"describedby\"; type=\"{CsvwMetadata.MediaType}\"");
}
