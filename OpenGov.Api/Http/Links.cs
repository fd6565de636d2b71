using Microsoft.AspNetCore.Http.Extensions;

namespace OpenGov.Api.Http;

/// <summary>
/// The one place the URLs an answer gives are made: absolute, on the scheme, host and base path the
/// request came on. In an answer pinned by its URL to a release (?release=), every URL under /v1
/// carries that release, so that following a link never leaves the release the answer was read
/// from; the rest (the contract, the docs) are the same in every release and carry none.
/// </summary>
internal static class Links
{
    /// <summary>The URL of <paramref name="path"/> (escaped as a URL's path is) with <paramref name="query"/>, in the release the answer is pinned to.</summary>
    public static string To(HttpRequest request, PathString path, QueryString query = default) =>
        Absolute(request, path, ReadContext.Of(request.HttpContext).ReleaseInUrl is { } release && path.StartsWithSegments("/v1") ? query.Add("release", release) : query);

    /// <summary>The URL of <paramref name="path"/> as <paramref name="release"/> serves it, whichever release the answer reads.</summary>
    public static string AtRelease(HttpRequest request, PathString path, QueryString query, string release) =>
        Absolute(request, path, query.Add("release", release));

    /// <summary>Where a record that moved is now: <paramref name="path"/> with <paramref name="extra"/>, then the query asked as it was (release, lang, format and all).</summary>
    public static string Moved(HttpRequest request, PathString path, QueryString extra = default) =>
        Absolute(request, path, extra.Add(request.QueryString));

    /// <summary>
    /// The URL of <paramref name="pathAndQuery"/> (a path, then an escaped query and a fragment where it has them), whichever
    /// release the request reads: for an answer about every release at once (the catalog), whose URLs name their own.
    /// </summary>
    public static string Plain(HttpRequest request, string pathAndQuery)
    {
        var fragment = pathAndQuery.IndexOf('#') is var f and >= 0 ? pathAndQuery[f..] : "";
        var rest = pathAndQuery[..(pathAndQuery.Length - fragment.Length)];
        var q = rest.IndexOf('?');
        return Absolute(request, q < 0 ? rest : rest[..q], q < 0 ? default : new QueryString(rest[q..])) + fragment;
    }

    /// <summary>The URL asked, as it was asked: release and all.</summary>
    public static string Self(HttpRequest request) => request.GetEncodedUrl();

    /// <summary>The URL asked with another cursor (the next page): every other parameter, the release too, kept.</summary>
    public static string WithCursor(HttpRequest request, string cursor)
    {
        var query = new QueryBuilder(request.Query.Where(p => p.Key != "cursor")) { { "cursor", cursor } };
        return Absolute(request, request.Path, query.ToQueryString());
    }

    static string Absolute(HttpRequest request, PathString path, QueryString query) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, path, query);
}
