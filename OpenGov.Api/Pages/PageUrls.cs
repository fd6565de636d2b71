using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace OpenGov.Api.Pages;

/// <summary>The URLs a page links to: itself with a parameter set, added to or removed, and its API twins.</summary>
internal static class PageUrls
{
    /// <summary>The path and query with one parameter set to a value (null removes it); a cursor never survives a change of query.</summary>
    public static string With(string pathAndQuery, string name, string? value, bool keepCursor = false)
    {
        var builder = Builder(Params(pathAndQuery).Where(p => p.Name != name && (keepCursor || p.Name != "cursor")));
        if (value is not null) builder.Add(name, value);
        return Split(pathAndQuery).Path + builder.ToQueryString();
    }

    /// <summary>The query's values of a filter, split on commas as the API reads them.</summary>
    public static IReadOnlyList<string> Values(string pathAndQuery, string name) =>
        Split(pathAndQuery).Query.TryGetValue(name, out var v) ? v.SelectMany(x => (x ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList() : [];

    /// <summary>A filter's values with one added (or removed, where it is there already).</summary>
    public static string Toggle(string pathAndQuery, string name, string value)
    {
        var values = Values(pathAndQuery, name).ToList();
        if (!values.Remove(value)) values.Add(value);
        return With(pathAndQuery, name, values.Count == 0 ? null : string.Join(',', values));
    }

    /// <summary>The API's URL of a page: the same query under /v1 (the page's own parameters dropped), plus any given.</summary>
    public static string Api(string apiPath, string pathAndQuery, params (string Name, string Value)[] extra)
    {
        var builder = Builder(Params(pathAndQuery));
        foreach (var (name, value) in extra) builder.Add(name, value);
        return apiPath + builder.ToQueryString();
    }

    /// <summary>
    /// A page's URL in the language being read (lang= where it is not English), set in the query the
    /// URL may have already (/commitments?member=...), not after a second '?' that would make it part of a filter's value.
    /// </summary>
    public static string InLanguage(string pathAndQuery, string lang) => lang == "en" ? pathAndQuery : With(pathAndQuery, "lang", lang);

    /// <summary>Every parameter of the query, one pair per value.</summary>
    public static IEnumerable<(string Name, string Value)> Params(string pathAndQuery) =>
        Split(pathAndQuery).Query.SelectMany(p => p.Value.Select(v => (p.Key, v ?? "")));

    static QueryBuilder Builder(IEnumerable<(string Name, string Value)> pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    static (string Path, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Query) Split(string pathAndQuery)
    {
        var mark = pathAndQuery.IndexOf('?');
        return mark < 0 ? (pathAndQuery, []) : (pathAndQuery[..mark], QueryHelpers.ParseQuery(pathAndQuery[mark..]));
    }
}
