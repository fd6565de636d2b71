using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using OpenGov.Api.Hosting;
using OpenGov.Data;
using OpenGov.Data.Model;
using OpenGov.Data.Releases;

namespace OpenGov.Api.Http;

/// <summary>
/// /v1/changes as an Atom feed (RFC 4287), written by System.ServiceModel.Syndication: one entry per
/// changed record, with a summary a person reads ("Status: active → inactive") and a link to the
/// record as the release that changed it served it (a removed record: as the last release that had it).
/// </summary>
internal static class ChangeFeed
{
    /// <summary>Collections whose records have their own URL; a milestone or rating links to its commitment's list instead.</summary>
    static readonly HashSet<string> WithItemPaths = ["members", "action-plans", "commitments", "irm-reports", "institutions", "policy-areas"];

    public static SyndicationFeed Build(HttpContext http, Page<RecordChange> page)
    {
        var request = http.Request;
        var self = Links.Self(request);
        var dataset = ReadContext.Of(http).Dataset;
        var releases = new KnownReleases(dataset.Releases, dataset.Version, http.RequestServices.GetRequiredService<Db>().Path);
        var feed = new SyndicationFeed(
            "OpenGov API: changes" + Filters(request),
            "Records of Open Government Partnership data added, changed or removed by each release of the OpenGov API.",
            new Uri(Links.To(request, "/v1/changes")))
        {
            // A feed's id stays the same while its entries change: its URL without paging.
            Id = self.Split("&cursor=")[0].Split("?cursor=")[0],
            // An empty feed was last updated when the data it reads was (not in 1970).
            LastUpdatedTime = page.Data.Count == 0 ? ReadContext.Of(http).LastModified : page.Data.Max(c => c.PublishedAt),
            Generator = "OpenGov API",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "OpenGov API" });
        feed.Links.Add(new SyndicationLink(new Uri(self), "self", null, Formats.AtomMediaType, 0));
        if (page.Meta.NextCursor is { } cursor)
            feed.Links.Add(new SyndicationLink(new Uri(Links.WithCursor(request, cursor)), "next", null, Formats.AtomMediaType, 0));
        feed.Items = page.Data.Select(change => Entry(request, change, releases)).ToList();
        return feed;
    }

    /// <summary>The releases the current file lists, oldest first, and whether each one's data is still kept (not pruned).</summary>
    sealed class KnownReleases(IReadOnlyList<ReleaseEntry> all, string current, string dbPath)
    {
        readonly Dictionary<string, bool> kept = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The release published before the one numbered <paramref name="number"/>; null for the first.</summary>
        public string? Before(long number) => all.LastOrDefault(r => r.Seq < number)?.Id;

        public bool IsKept(string id) => kept.TryGetValue(id, out var known) ? known
            : kept[id] = string.Equals(id, current, StringComparison.OrdinalIgnoreCase) || ReleaseFiles.Exists(dbPath, id);
    }

    /// <summary>
    /// Where an entry's record is as the change left it: as the release that changed it serves it, or,
    /// for a removal, as the last release that had it (the one before: the removing release has no such
    /// record, a 404, and its list of a removed commitment's milestones a 400). Where that release's data
    /// is no longer kept (pruned, a 410), the record's changes, which outlive it: its history, or for a
    /// milestone or rating, /v1/changes of that record.
    /// </summary>
    static string Link(HttpRequest request, RecordChange change, KnownReleases releases)
    {
        var release = change.Change == ChangeKind.Removed ? releases.Before(change.ReleaseNumber) : change.Release;
        var item = $"/v1/{change.Collection}/{Uri.EscapeDataString(change.Id)}";
        var hasItemPath = WithItemPaths.Contains(change.Collection);
        if (release is not null && releases.IsKept(release))
            return hasItemPath
                ? Links.AtRelease(request, item, default, release)
                : Links.AtRelease(request, "/v1/" + change.Collection, QueryString.Create("commitment", change.Id[..Math.Max(0, change.Id.LastIndexOf('-'))]), release);
        return hasItemPath
            ? Links.To(request, item + "/history")
            : Links.To(request, "/v1/changes", QueryString.Create("collection", change.Collection).Add("id", change.Id));
    }

    static SyndicationItem Entry(HttpRequest request, RecordChange change, KnownReleases releases)
    {
        var link = Link(request, change, releases);
        var what = change.Change switch { ChangeKind.Added => "Added", ChangeKind.Removed => "Removed", _ => "Changed" };
        var item = new SyndicationItem(
            $"{what}: {change.Name ?? change.Id} ({Singular(change.Collection)} {change.Id})",
            SyndicationContent.CreatePlaintextContent(Summary(change)),
            new Uri(link),
            $"urn:opengov:change:{change.Release}:{change.Collection}:{change.Id}",
            change.PublishedAt);
        item.Summary = new TextSyndicationContent(Summary(change));
        item.Content = null;
        return item;
    }

    /// <summary>What changed, a line per field: "Status: active → inactive".</summary>
    public static string Summary(RecordChange change)
    {
        if (change.Change != ChangeKind.Changed || change.Fields is null)
            return $"{(change.Change == ChangeKind.Added ? "Added" : "Removed")} in release {change.ReleaseNumber} ({change.Release}).";
        var lines = change.Fields.Select(f =>
            $"{Label(f.Field)}{(f.Lang == "en" ? "" : $" ({f.Lang})")}: {Text(f.Before)} → {Text(f.After)}");
        return string.Join("\n", lines);
    }

    static string Label(string key) => char.ToUpperInvariant(key[0]) + key[1..].Replace('_', ' ');

    /// <summary>A value as a person reads it: text as it is, a rating by its value, a reference by its name, a list by its length.</summary>
    static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Shorten(value.GetString()!),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null or JsonValueKind.Undefined => "none",
        JsonValueKind.Array => value.GetArrayLength() == 0 ? "none"
            : value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String || v.ValueKind == JsonValueKind.Object && v.TryGetProperty("name", out _))
                ? Shorten(string.Join(", ", value.EnumerateArray().Select(Text)))
                : $"{value.GetArrayLength()} entries",
        JsonValueKind.Object when value.TryGetProperty("value", out var v) => v.ValueKind == JsonValueKind.Null && value.TryGetProperty("missing", out var m) ? Text(m) : Text(v),
        JsonValueKind.Object when value.TryGetProperty("name", out var n) => Text(n),
        _ => "(changed)",
    };

    static string Shorten(string text) => text.Length <= 200 ? text : text[..197] + "...";

    static string Singular(string collection) => collection switch
    {
        "policy-areas" => "policy area",
        "irm-ratings" => "IRM rating",
        "irm-reports" => "IRM report",
        _ => collection.TrimEnd('s').Replace('-', ' '),
    };

    static string Filters(HttpRequest request)
    {
        var shown = request.Query.Where(p => p.Key is not ("format" or "cursor" or "limit" or "sort" or "fields" or "lang")).Select(p => $"{p.Key}={p.Value}").ToList();
        return shown.Count == 0 ? "" : " (" + string.Join(", ", shown) + ")";
    }
}

/// <summary>An Atom feed, as application/atom+xml.</summary>
public sealed class AtomFeedResult(SyndicationFeed feed) : IResult
{
    public SyndicationFeed Feed { get; } = feed;

    public async Task ExecuteAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            new Atom10FeedFormatter(Feed).WriteTo(xml);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = Formats.AtomMediaType + "; charset=utf-8";
        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
    }
}
