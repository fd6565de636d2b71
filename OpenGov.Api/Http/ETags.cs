using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using OpenGov.Api.Hosting;

namespace OpenGov.Api.Http;

/// <summary>
/// The strong ETag of a GET answer, worked out before the handler runs: the database is immutable
/// while its data version is the same, so the version and everything the representation depends
/// on (scheme and host, which the links hold; path and query as given, which links.self echoes;
/// the format, the language and the content encoding negotiated) name the bytes exactly.
/// </summary>
internal static class ETags
{

    /// <summary>The ETag of this request's 200 answer, or null where answers are not tagged here.</summary>
    public static string? Of(HttpContext http) => ReadContext.Of(http).ETag;

    /// <summary>Whether this request's If-None-Match names the answer it would get (a 304, cheaper to give).</summary>
    public static bool IsRevalidation(HttpContext http) => Of(http) is { } tag && Matches(http.Request, tag);

    /// <summary>Whether the request's If-None-Match names <paramref name="tag"/> (or is *).</summary>
    public static bool Matches(HttpRequest request, string tag) =>
        request.Headers.IfNoneMatch.ToString() is { Length: > 0 } header
        && (header.Trim() == "*" || EntityTagHeaderValue.TryParseList(header.Split(','), out var tags)
            && tags.Any(t => !t.IsWeak && t.Tag == tag || t.IsWeak && t.Tag.Value == tag));

    /// <summary>A strong ETag naming everything a representation depends on, joined in <paramref name="key"/>.</summary>
    public static string Strong(string key) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)).AsSpan(0, 16)) + "\"";

    /// <summary>Computes and records the ETag of a GET of a negotiated representation (see <see cref="ReadPolicy"/>; not export files, which carry their own).</summary>
    public static void Compute(HttpContext http)
    {
        var request = http.Request;
        var version = ReadContext.Of(http).DataVersion;
        var key = string.Join('\n', version, request.Method, request.Scheme, request.Host.Value, request.PathBase.Value, request.Path.Value,
            request.QueryString.Value, Formats.Of(http), Formats.IsAtom(http), Language.Asked(request, new Dictionary<string, string[]>()), Encoding(request));
        ReadContext.Of(http).ETag = Strong(key);
    }

    /// <summary>
    /// The content coding response compression will choose for this Accept-Encoding: the highest
    /// quality of br and gzip, br on a tie (the providers' order), identity where neither is accepted.
    /// </summary>
    public static string Encoding(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var codings) || codings.Count == 0) return "identity";
        double Quality(string name)
        {
            var coding = codings.FirstOrDefault(c => c.Value.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? (name == "identity" ? null : codings.FirstOrDefault(c => c.Value == "*"));
            return coding is null ? 0 : coding.Quality ?? 1;
        }
        double br = Quality("br"), gzip = Quality("gzip"), identity = Quality("identity");
        return br <= 0 && gzip <= 0 || identity > Math.Max(br, gzip) ? "identity" : br >= gzip ? "br" : "gzip";
    }
}
