using Microsoft.Net.Http.Headers;
using OpenGov.Data.Export;
using OpenGov.Data.Listing;

namespace OpenGov.Api.Http;

/// <summary>
/// Which representation a request gets: ?format= where a collection is asked for, else the
/// Accept header. Collections come as JSON, CSV or NDJSON; single records as JSON only.
/// </summary>
internal static class Formats
{
    public const string AtomMediaType = "application/atom+xml";

    /// <summary>Endpoint metadata: the list is also an Atom feed (Accept: application/atom+xml, or ?format=atom).</summary>
    public sealed class AtomFeed;

    /// <summary>Endpoint metadata: the answer is JSON-LD (the catalog), sent as application/ld+json to a client that accepts it or JSON.</summary>
    public sealed class JsonLd;

    public static bool IsJsonLd(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<JsonLd>() is not null;

    /// <summary>Whether this request asked for the endpoint's Atom feed.</summary>
    public static bool IsAtom(HttpContext http) => ReadContext.Of(http).Atom;

    public static readonly IReadOnlyDictionary<string, RecordFormat> Names = new Dictionary<string, RecordFormat>
    {
        ["json"] = RecordFormat.Json, ["csv"] = RecordFormat.Csv, ["ndjson"] = RecordFormat.Ndjson,
    };

    /// <summary>The format chosen for this request (JSON until negotiated).</summary>
    public static RecordFormat Of(HttpContext http) => ReadContext.Of(http).Format;

    /// <summary>Whether the endpoint answers tables (a list, or an aggregate of one): CSV and NDJSON besides JSON.</summary>
    public static bool IsCollection(HttpContext http) =>
        http.GetEndpoint()?.Metadata is { } metadata && (metadata.GetMetadata<Collection>() is not null || metadata.GetMetadata<AggregateOf>() is not null);

    /// <summary>Chooses and records the format; false where the request accepts nothing the endpoint can send (a 406).</summary>
    public static bool Negotiate(HttpContext http)
    {
        var list = IsCollection(http);
        if (http.GetEndpoint()?.Metadata.GetMetadata<AtomFeed>() is not null && AsksAtom(http.Request))
        {
            ReadContext.Of(http).Atom = true;
            ReadContext.Of(http).Format = RecordFormat.Json;
            return true;
        }
        var format = Choose(http.Request, list, IsJsonLd(http));
        if (format is null) return false;
        ReadContext.Of(http).Format = format.Value;
        return true;
    }

    static bool AsksAtom(HttpRequest request)
    {
        if (request.Query.TryGetValue("format", out var asked)) return asked.ToString().Equals("atom", StringComparison.OrdinalIgnoreCase);
        var accept = request.GetTypedHeaders().Accept.Where(m => (m.Quality ?? 1) > 0).OrderByDescending(m => m.Quality ?? 1).FirstOrDefault();
        return accept?.MediaType.Value?.Equals(AtomMediaType, StringComparison.OrdinalIgnoreCase) == true;
    }

    static RecordFormat? Choose(HttpRequest request, bool list, bool jsonLd)
    {
        // ?format= wins; a value it does not know is the validator's 400, so JSON here.
        if (list && request.Query.TryGetValue("format", out var asked))
            return Names.GetValueOrDefault(asked.ToString().ToLowerInvariant(), RecordFormat.Json);
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return RecordFormat.Json;
        foreach (var media in accept.Where(m => (m.Quality ?? 1) > 0).OrderByDescending(m => m.Quality ?? 1))
            if (Match(media, list, jsonLd) is { } format) return format;
        return null;
    }

    static RecordFormat? Match(MediaTypeHeaderValue media, bool list, bool jsonLd) => media.MediaType.Value?.ToLowerInvariant() switch
    {
        "application/ld+json" when jsonLd => RecordFormat.Json,
        "*/*" or "application/*" or "application/json" or "application/problem+json" => RecordFormat.Json,
        // CSVW metadata (/v1/csv-metadata/{collection}) is JSON: a CSVW processor may ask for it by its own media type.
        "application/csvm+json" when !list => RecordFormat.Json,
        "text/csv" or "text/*" when list => RecordFormat.Csv,
        "application/x-ndjson" or "application/ndjson" or "application/jsonl" when list => RecordFormat.Ndjson,
        _ => null,
    };
}
