using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// The response headers the service sends, each described once in components.headers and
/// referred to from every answer that carries it. Only the headers some answer refers to are
/// added, so the document holds no unused component.
/// </summary>
internal static class HeaderComponents
{
    public const string ETag = "ETag";
    public const string LastModified = "Last-Modified";
    public const string CacheControl = "Cache-Control";
    public const string Vary = "Vary";
    public const string ContentLanguage = "Content-Language";
    public const string ContentDisposition = "Content-Disposition";
    public const string Link = "Link";
    public const string RateLimit = "RateLimit";
    public const string RateLimitPolicy = "RateLimit-Policy";
    public const string RetryAfter = "Retry-After";
    public const string AcceptRanges = "Accept-Ranges";
    public const string ContentRange = "Content-Range";
    public const string Deprecation = "Deprecation";
    public const string Sunset = "Sunset";

    static readonly Dictionary<string, (string Description, string Example)> Definitions = new()
    {
        [ETag] = ("A strong validator of this representation: a hash of the data version and of everything the bytes depend on "
            + "(scheme, host, path and query, format, language, content coding); for an export file, from its SHA-256. "
            + "Send it back in If-None-Match to get a 304 while nothing has changed.", "\"dbe5abf8d0d6536a84e3c89469947b28\""),
        [LastModified] = ("When the data served was built (for an export file: when the file was written).", "Fri, 27 Nov 2026 13:32:38 GMT"),
        [CacheControl] = ("Any cache may keep the answer this many seconds; revalidate it after with If-None-Match.", "public, max-age=60"),
        [Vary] = ("The request headers the representation depends on.", "Accept, Accept-Encoding, Accept-Language"),
        [ContentLanguage] = ("The language of the text fields served: the one asked for (lang, or Accept-Language), or the records' source "
            + "language where they have no translation (then each record's lang says which).", "en"),
        [ContentDisposition] = ("On CSV and NDJSON answers and export files: a download, with a file name.", "attachment; filename=\"commitments.csv\""),
        [Link] = ("RFC 8288 links: rel=\"next\" is the next page, as links.next (absent on the last page); on a CSV answer or CSV export file, "
            + "rel=\"describedby\" (type=\"application/csvm+json\") is its CSV on the Web metadata, /v1/csv-metadata/{collection}; "
            + "on a deprecated operation, rel=\"deprecation\" is the page that explains the deprecation (RFC 9745).",
            "<http://localhost:5080/v1/commitments?limit=2&cursor=eyJmIjoiN2YxMzM4NzRlZjA5OWVhMSIsImsiOlsiVUswMDc1Il19.MdLkBGQb6hPx>; rel=\"next\""),
        [RateLimit] = ("Where the client stands in its current window (IETF httpapi rate-limit headers draft -07): the limit, the full "
            + "requests remaining (a revalidation answered 304 costs a quarter of one) and the seconds until the window starts again. "
            + "Every answer but health checks and CORS preflights carries it.", "limit=600, remaining=598, reset=41"),
        [RateLimitPolicy] = ("The quota: requests per window of w seconds, per client address.", "600;w=60"),
        [RetryAfter] = ("Seconds to wait before the next request is allowed.", "41"),
        [AcceptRanges] = ("bytes: the file can be fetched in parts with Range, e.g. to resume an interrupted download.", "bytes"),
        [ContentRange] = ("The part of the file sent, and the file's size (on a 416: only the size).", "bytes 0-1023/7650"),
        [Deprecation] = ("RFC 9745: the operation is deprecated, from this date (a structured-field date: @ and seconds since 1970). "
            + "It keeps working until its Sunset date; the Link with rel=\"deprecation\" says what replaces it.", "@1767225600"),
        [Sunset] = ("RFC 8594: the date after which the deprecated operation may stop answering (at least six months after Deprecation).",
            "Wed, 01 Jul 2026 00:00:00 GMT"),
    };

    /// <summary>A reference to the header named <paramref name="name"/>, adding its component on first use.</summary>
    public static IOpenApiHeader Reference(OpenApiDocument document, string name)
    {
        var (description, example) = Definitions[name];
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        document.Components.Headers.TryAdd(name, new OpenApiHeader
        {
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = JsonValue.Create(example),
        });
        return new OpenApiHeaderReference(name, document);
    }

    /// <summary>Adds the named headers to an answer.</summary>
    public static void Add(OpenApiDocument document, IOpenApiResponse response, params string[] names)
    {
        if (response is not OpenApiResponse concrete) return;
        concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var name in names) concrete.Headers[name] = Reference(document, name);
    }
}
