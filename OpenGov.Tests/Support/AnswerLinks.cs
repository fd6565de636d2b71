using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OpenGov.Tests.Support;

/// <summary>A URL an answer gives, and whether it names a release of its own (an Atom entry links to the release that changed its record).</summary>
public sealed record FoundLink(Uri Url, bool NamesItsOwnRelease = false);

/// <summary>
/// The URLs of the service an answer gives a client to follow, as a client finds them: its Link
/// header; in JSON (and each NDJSON line) every string under links and any string that is a URL of
/// the service or a path under /v1; in an Atom feed each link's href and a feed id that is a URL;
/// in HTML each a and link href. Only those on the service's own origin, without fragments.
/// </summary>
public static partial class AnswerLinks
{
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static IReadOnlyList<FoundLink> Of(HttpResponseMessage response, byte[] body, Uri origin)
    {
        // Relative links read against the URL that answered (after redirects: /docs is /docs/index.html).
        var here = response.RequestMessage!.RequestUri!;
        var found = new List<FoundLink>();
        if (response.Headers.TryGetValues("Link", out var headers))
            found.AddRange(headers.SelectMany(h => LinkTargets().Matches(h)).Select(m => new FoundLink(new Uri(here, m.Groups[1].Value))));
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        var text = type is "application/json" or "application/csvm+json" or "application/x-ndjson" or "application/atom+xml" or "text/html"
            ? System.Text.Encoding.UTF8.GetString(body) : null;
        if (type is "application/json" or "application/csvm+json") found.AddRange(InJson(JsonNode.Parse(text!), here, origin, underLinks: false));
        if (type == "application/x-ndjson")
            foreach (var line in text!.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                found.AddRange(InJson(JsonNode.Parse(line), here, origin, underLinks: false));
        if (type == "application/atom+xml") found.AddRange(InFeed(XDocument.Parse(text!), here));
        if (type == "text/html")
            found.AddRange(HtmlHrefs().Matches(text!).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
                .Where(href => !href.StartsWith('#')).Select(href => new FoundLink(new Uri(here, href))));
        return found.Where(l => l.Url.GetLeftPart(UriPartial.Authority) == origin.GetLeftPart(UriPartial.Authority))
            .Select(l => l with { Url = new Uri(l.Url.GetLeftPart(UriPartial.Query)) }).ToList();
    }

    static IEnumerable<FoundLink> InJson(JsonNode? node, Uri here, Uri origin, bool underLinks) => node switch
    {
        // A release's cite_url names that release, whichever release the answer was read in.
        JsonObject o => o.SelectMany(p => p.Key == "cite_url"
            ? InJson(p.Value, here, origin, underLinks).Select(l => l with { NamesItsOwnRelease = true })
            : InJson(p.Value, here, origin, underLinks || p.Key == "links")),
        JsonArray a => a.SelectMany(v => InJson(v, here, origin, underLinks)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is var s
            && (s.StartsWith("/v1", StringComparison.Ordinal) || s.StartsWith(origin.GetLeftPart(UriPartial.Authority) + "/", StringComparison.Ordinal)
                || underLinks && Uri.TryCreate(here, s, out _)) => [new FoundLink(new Uri(here, s))],
        _ => [],
    };

    static IEnumerable<FoundLink> InFeed(XDocument feed, Uri here)
    {
        var root = feed.Root!;
        foreach (var link in root.Elements(Atom + "link")) yield return new FoundLink(new Uri(here, (string)link.Attribute("href")!));
        if (Uri.TryCreate((string?)root.Element(Atom + "id"), UriKind.Absolute, out var id) && id.Scheme is "http" or "https") yield return new FoundLink(id);
        foreach (var link in root.Elements(Atom + "entry").Elements(Atom + "link"))
            yield return new FoundLink(new Uri(here, (string)link.Attribute("href")!), NamesItsOwnRelease: true);
    }

    /// <summary>Each entry's link in an Atom feed of changes, by the record it is about ("commitments/XE0007"), as a path and query.</summary>
    public static IReadOnlyDictionary<string, string> OfFeedEntries(string atom) =>
        XDocument.Parse(atom).Root!.Elements(Atom + "entry").ToDictionary(
            // An entry's id is urn:opengov:change:{release}:{collection}:{id}.
            e => string.Join('/', ((string)e.Element(Atom + "id")!).Split(':')[^2..]),
            e => new Uri((string)e.Element(Atom + "link")!.Attribute("href")!).PathAndQuery);

    [GeneratedRegex("<([^>]*)>")]
    private static partial Regex LinkTargets();

    [GeneratedRegex("<(?:a|link)\\b[^>]*\\bhref=\"([^\"]*)\"")]
    private static partial Regex HtmlHrefs();
}
