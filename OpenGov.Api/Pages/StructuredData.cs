using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenGov.Api.Catalog;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;

namespace OpenGov.Api.Pages;

/// <summary>
/// What a page embeds for search engines (Google Dataset Search and the like): schema.org JSON-LD in a
/// script element of type application/ld+json, which browsers do not run (the pages' CSP allows no
/// script, and needs not). The explorer and a member's page describe a Dataset (name, description,
/// url, license, creator, version, temporal coverage, its downloads as DataDownloads); a commitment's
/// page describes the commitment, based on OGP's own page of it. The context is inline (@vocab), so
/// that any JSON-LD reader expands the terms to schema.org's IRIs without fetching anything.
/// </summary>
internal static class StructuredData
{
    /// <summary>What every description shares: the page's origin and words, the release read, and the data's licence and publisher.</summary>
    public sealed record Frame(string Origin, PageText Text, string Version, string Licence, CatalogPublisher Publisher)
    {
        public string Url(string path) => Origin + PageUrls.For(path, Text);

        /// <summary>A URL under /v1 at the release the page reads: the page's data for good.</summary>
        public string Api(string pathAndQuery) => Origin + pathAndQuery + (pathAndQuery.Contains('?') ? "&" : "?") + "release=" + Uri.EscapeDataString(Version);
    }

    static readonly JsonObject Ogp = new()
    {
        ["@type"] = "Organization", ["name"] = "Open Government Partnership", ["url"] = "https://www.opengovpartnership.org/",
    };

    static readonly (string Format, string MediaType)[] Downloads = [("csv", "text/csv"), ("ndjson", "application/x-ndjson")];

    public static string Explorer(Frame frame, Coverage coverage)
    {
        var node = Dataset(frame, frame.Text["dataset_name"], frame.Text["dataset_description"], frame.Url("/"), coverage.FromYear, coverage.ToYear,
            [.. new[] { "commitments", "milestones", "irm-ratings" }.SelectMany(c => Downloads.Select(d => Download(frame, c, $"/v1/{c}?format={d.Format}&limit=all", d)))]);
        node["includedInDataCatalog"] = new JsonObject { ["@type"] = "DataCatalog", ["name"] = DcatCatalog.Title, ["url"] = frame.Origin + "/v1/catalog" };
        return Write(node);
    }

    public static string Member(Frame frame, Member member, IReadOnlyList<ActionPlan> plans, long commitments)
    {
        var id = Uri.EscapeDataString(member.Id);
        var node = Dataset(frame, frame.Text.Format("member_dataset_name", member.Name),
            frame.Text.Format("member_dataset_description", member.Name, commitments, plans.Count), frame.Url($"/members/{id}"),
            plans.Min(p => p.StartYear), plans.Max(p => p.EndYear),
            [.. Downloads.Select(d => Download(frame, "commitments", $"/v1/commitments?member={id}&format={d.Format}&limit=all", d))]);
        node["spatialCoverage"] = Place(member);
        if (member.Url is { } ogp) node["isBasedOn"] = ogp;
        return Write(node);
    }

    /// <summary>A commitment: what it is, where OGP publishes it, the plan it is part of, when and where it applies.</summary>
    public static string Commitment(Frame frame, Commitment c, ActionPlan? plan)
    {
        var node = new JsonObject
        {
            ["@context"] = Context(),
            ["@type"] = "CreativeWork",
            ["name"] = c.Title ?? c.Id,
            ["identifier"] = c.Id,
            ["url"] = frame.Url($"/commitments/{Uri.EscapeDataString(c.Id)}"),
            ["inLanguage"] = c.Lang,
            ["version"] = frame.Version,
            ["creator"] = new JsonObject { ["@type"] = "Organization", ["name"] = c.Member.Name ?? c.Member.Id, ["url"] = frame.Url($"/members/{Uri.EscapeDataString(c.Member.Id)}") },
            ["spatialCoverage"] = new JsonObject { ["@type"] = "Place", ["name"] = c.Member.Name ?? c.Member.Id },
            ["isPartOf"] = new JsonObject
            {
                ["@type"] = "CreativeWork", ["name"] = plan?.Title ?? c.ActionPlan.Name ?? c.ActionPlan.Id,
                ["url"] = frame.Url($"/action-plans/{Uri.EscapeDataString(c.ActionPlan.Id)}"),
            },
        };
        if (c.Url is { } ogp) node["isBasedOn"] = ogp;
        if (plan?.Url is { } planPage) node["isPartOf"]!["isBasedOn"] = planPage;
        if (c.StartDate is { } start && c.EndDate is { } end) node["temporalCoverage"] = $"{start}/{end}";
        if (Licences.Url(frame.Licence) is { } licence) node["license"] = licence;
        return Write(node);
    }

    static JsonObject Dataset(Frame frame, string name, string description, string url, int? fromYear, int? toYear, JsonArray distribution)
    {
        var node = new JsonObject
        {
            ["@context"] = Context(),
            ["@type"] = "Dataset",
            ["name"] = name,
            ["description"] = description,
            ["url"] = url,
            ["inLanguage"] = frame.Text.Lang,
            ["version"] = frame.Version,
            ["creator"] = Ogp.DeepClone(),
            ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = frame.Publisher.Name, ["url"] = frame.Origin + "/" },
            ["distribution"] = distribution,
        };
        // Where the source states no licence (OGP's export), none is claimed.
        if (Licences.Url(frame.Licence) is { } licence) node["license"] = licence;
        if (fromYear is { } from && toYear is { } to) node["temporalCoverage"] = $"{from:D4}/{to:D4}";
        return node;
    }

    static JsonObject Download(Frame frame, string collection, string pathAndQuery, (string Format, string MediaType) format) => new()
    {
        ["@type"] = "DataDownload",
        ["name"] = $"{collection}.{format.Format}",
        ["contentUrl"] = frame.Api(pathAndQuery),
        ["encodingFormat"] = format.MediaType,
    };

    static JsonObject Place(Member member)
    {
        var place = new JsonObject { ["@type"] = "Place", ["name"] = member.Name };
        if (member.Iso2 is { } iso2) place["identifier"] = iso2;
        return place;
    }

    static JsonObject Context() => new() { ["@vocab"] = "https://schema.org/" };

    /// <summary>JSON with &lt;, &gt; and &amp; escaped (the default encoder's), so no text of the data can end the script element.</summary>
    static string Write(JsonObject node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
}
