using System.Text.RegularExpressions;

namespace OpenGov.Tests.Support;

/// <summary>The RFC 8288 links of an answer by their rel: a CSV page has its next page and its metadata.</summary>
public static partial class LinkHeader
{
    /// <summary>Every link of the answer's Link headers: its target and its parameters.</summary>
    public static IReadOnlyList<(string Url, string Parameters)> All(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values)
            ? values.SelectMany(v => Values().Matches(v)).Select(m => (m.Groups["url"].Value, m.Groups["params"].Value)).ToList()
            : [];

    /// <summary>The target of the one link of <paramref name="rel"/>, or null where there is none.</summary>
    public static string? Target(HttpResponseMessage response, string rel) =>
        All(response).Where(l => l.Parameters.Contains($"rel=\"{rel}\"")).Select(l => l.Url).SingleOrDefault();

    [GeneratedRegex("<(?<url>[^>]*)>(?<params>[^,]*)")]
    private static partial Regex Values();
}
