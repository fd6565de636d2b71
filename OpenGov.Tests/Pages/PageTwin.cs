using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenGov.Api.Pages;
using OpenGov.Data.Listing;

namespace OpenGov.Tests.Pages;

/// <summary>
/// A page for people beside its JSON twin: every value the JSON gives of the record must be on the
/// page, written as the page writes it, so that a reader quoting the page quotes the whole record.
/// </summary>
public static partial class PageTwin
{
    /// <summary>
    /// What of the twin's record (<paramref name="json"/>'s data) the page at <paramref name="page"/>
    /// does not show, one line per value: empty where it shows everything. Both are read in
    /// <paramref name="lang"/>.
    /// </summary>
    public static async Task<List<string>> MissingAsync(HttpClient client, string page, string json, string lang)
    {
        var html = await Body(client, page);
        var record = JsonNode.Parse(await Body(client, json))!["data"]!;
        var text = Normal(WebUtility.HtmlDecode(Tags().Replace(Content(html), " ")));
        var words = new PageText(lang);
        var missing = new List<string>();
        foreach (var (path, key, value) in Scalars(record, "", ""))
        {
            // The language of a record's texts is said by the lang attribute of an element of the page's
            // content (the site's header names every language in its switch), not in words.
            if (key == "lang")
            {
                if (!InLanguage(html, value.GetValue<string>())) missing.Add($"{page}: {path} = {value} (no element in lang=\"{value}\")");
                continue;
            }
            var written = Normal(Written(key, value, words));
            if (!text.Contains(written, StringComparison.Ordinal)) missing.Add($"{page}: {path} = {Cut(value.ToJsonString())} (written \"{Cut(written)}\")");
        }
        return missing;
    }

    /// <summary>
    /// The non-empty scalars of a record, with their paths and keys. A reference to another record
    /// ({id, name}) is one value, its name (its id where it has none): pages name the records they
    /// refer to, as OGP's pages do, and link to those that have a page.
    /// </summary>
    static IEnumerable<(string Path, string Key, JsonNode Value)> Scalars(JsonNode? node, string path, string key)
    {
        switch (node)
        {
            case null:
                yield break;
            case JsonObject reference when reference.Count == 2 && reference.ContainsKey("id") && reference.ContainsKey("name"):
                yield return (path, key, reference["name"] ?? reference["id"]!);
                yield break;
            case JsonObject record:
                foreach (var (name, value) in record)
                    foreach (var scalar in Scalars(value, path.Length == 0 ? name : $"{path}.{name}", name))
                        yield return scalar;
                yield break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                    foreach (var scalar in Scalars(list[i], $"{path}[{i}]", key))
                        yield return scalar;
                yield break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>()):
                yield break;
            default:
                yield return (path, key, node);
                yield break;
        }
    }

    /// <summary>
    /// A value as the page writes it: dates as PageText.Date, the values of the API's vocabulary
    /// (ratings, reasons they are missing, statuses, kinds, OGP values) and true/false as
    /// PageText.Value, IRM stages with the page's own words (the seed page's "Mi-parcours"), numbers
    /// as digits, and any other text as it is.
    /// </summary>
    static string Written(string key, JsonNode value, PageText words)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True: return words.Value("true");
            case JsonValueKind.False: return words.Value("false");
            case JsonValueKind.Number: return value.GetValue<JsonElement>().GetRawText();
        }
        var s = value.GetValue<string>();
        if (key == "stage") return words.Stage(s);
        if (key.EndsWith("date", StringComparison.Ordinal)) return words.Date(s);
        return Vocabulary.Values.Contains(s) ? words.Value(s) : s;
    }

    static async Task<string> Body(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {url}: {Cut(body)}");
        return body;
    }

    /// <summary>
    /// What the page shows of the record: its main content, without the header (the site's words) and
    /// the twins at the end, whose URLs and curl line would hold ids whether the page shows them or not.
    /// </summary>
    static string Content(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        var end = html.IndexOf("<section class=\"twins\"", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "a page has its content in <main>");
        return end > start ? html[start..end] : html[start..];
    }

    /// <summary>Whether the page says its content, or an element of it, is in <paramref name="lang"/> (an element inherits the page's lang).</summary>
    static bool InLanguage(string html, string lang) =>
        html.Contains($"<html lang=\"{lang}\"", StringComparison.Ordinal)
        || html[Math.Max(0, html.IndexOf("<main", StringComparison.Ordinal))..].Contains($"lang=\"{lang}\"", StringComparison.Ordinal);

    /// <summary>Spaces as a reader sees them: line breaks and runs of spaces are one space.</summary>
    static string Normal(string text) => Spaces().Replace(text, " ").Trim();

    static string Cut(string text) => text.Length <= 120 ? text : text[..120] + "…";

    /// <summary>Every language the pages speak, one for each of <paramref name="ids"/> in turn, so that a long list is read once in all three.</summary>
    public static IEnumerable<(string Id, string Lang)> InTurn(IEnumerable<string> ids) =>
        ids.Select((id, i) => (id, Languages[i % Languages.Length]));

    public static readonly string[] Languages = ["en", "fr", "es"];

    [GeneratedRegex("<[^>]+>")] private static partial Regex Tags();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();
}
