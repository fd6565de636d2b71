using System.Globalization;
using System.Text.Json.Nodes;
using OpenGov.Data.Export;

namespace OpenGov.Api.Catalog;

/// <summary>
/// The catalog as DCAT-AP 3.0 JSON-LD (https://semiceu.github.io/DCAT-AP/releases/3.0.0/), with its
/// context inline so that a reader needs nothing else. What each class carries, by DCAT-AP's levels,
/// and where each value comes from:
///
/// dcat:Catalog (/v1/catalog)
///   mandatory   dct:title, dct:description (fixed text); dct:publisher (foaf:Agent, foaf:name from
///               configuration Catalog:Publisher)
///   recommended foaf:homepage (the explorer, /); dct:license (the data's licence, where it is an SPDX
///               identifier); dct:issued and dct:modified (the first and the current release's
///               publication); dct:spatial (the members' countries); dcat:dataset (the current
///               release's dataset and the series); dcat:service; dcat:themeTaxonomy (EU data themes)
/// dcat:DatasetSeries (/v1/releases)
///   mandatory   dct:title, dct:description
///   recommended dct:publisher, dcat:contactPoint, dct:issued, dct:modified, dct:spatial, dct:temporal
///               (the current release's coverage); dcat:last (the current release)
/// dcat:Dataset, one per release (/v1/releases/{id})
///   mandatory   dct:title, dct:description (what the data is, the release's counts and source file)
///   recommended dcat:contactPoint (vCard: publisher, Catalog:ContactEmail where configured);
///               dcat:distribution; dcat:keyword; dct:publisher; dct:spatial (EU country authority
///               IRIs of the members' ISO 3166-1 alpha-3 codes); dct:temporal (first start and last end
///               year of its action plans); dcat:theme (EU data theme GOVE)
///   optional    dct:identifier and dcat:version (the release id); dct:issued and dct:modified (its
///               publication: a release never changes); adms:versionNotes (the import's --note);
///               dcat:inSeries; dcat:landingPage (the explorer at that release)
/// dcat:Distribution, one per export file (as /v1/exports?release={id} lists them)
///   mandatory   dcat:accessURL (/v1/exports?release={id})
///   recommended dct:description; dct:format (EU file type, or the IANA media type where EU has none);
///               dct:license (as the catalog's; where the source states none, dct:rights says so);
///               dcatap:availability (AVAILABLE: kept until pruned)
///   optional    dcat:downloadURL, dcat:mediaType, dcat:byteSize, spdx:checksum (SHA-256), dct:title, dct:issued
/// dcat:DataService (/v1)
///   mandatory   dcat:endpointURL (/v1), dct:title
///   recommended dcat:endpointDescription (/openapi.json), dcat:servesDataset (every release's dataset and the series)
///   optional    dct:publisher, dct:description
/// </summary>
internal static class DcatCatalog
{
    public const string MediaType = "application/ld+json";

    /// <summary>The dataset's title: the catalog's, each release's (with its number), and the citations'.</summary>
    public const string Title = "Open Government Partnership commitments";

    const string Description = "The members of the Open Government Partnership (OGP), their action plans, the commitments in those "
        + "plans with their milestones, and the ratings of the Independent Reporting Mechanism (IRM), as published by OGP and served "
        + "by this API. Every import is a release that never changes; each release is a dataset of the series, with its files.";

    const string GovernmentTheme = "http://publications.europa.eu/resource/authority/data-theme/GOVE";
    const string Available = "http://publications.europa.eu/resource/authority/planned-availability/AVAILABLE";

    static readonly JsonObject Context = new()
    {
        ["dcat"] = "http://www.w3.org/ns/dcat#",
        ["dct"] = "http://purl.org/dc/terms/",
        ["foaf"] = "http://xmlns.com/foaf/0.1/",
        ["adms"] = "http://www.w3.org/ns/adms#",
        ["spdx"] = "http://spdx.org/rdf/terms#",
        ["vcard"] = "http://www.w3.org/2006/vcard/ns#",
        ["dcatap"] = "http://data.europa.eu/r5r/",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
    };

    /// <summary>The catalog; <paramref name="url"/> makes an absolute URL of a path and query of this service.</summary>
    public static JsonObject Build(CatalogFacts facts, Func<string, string> url)
    {
        var publisher = new JsonObject
        {
            ["@id"] = url("/#publisher"), ["@type"] = "foaf:Agent", ["foaf:name"] = facts.Publisher.Name, ["foaf:homepage"] = Id(url("/")),
        };
        var contact = new JsonObject { ["@type"] = "vcard:Organization", ["vcard:fn"] = facts.Publisher.Name, ["vcard:hasURL"] = Id(url("/")) };
        if (facts.Publisher.Email is { } email) contact["vcard:hasEmail"] = Id("mailto:" + email);
        var licence = Licences.Url(facts.Dataset.Licence);
        string seriesId = url("/v1/releases"), serviceId = url("/v1");
        string DatasetId(CatalogRelease r) => url("/v1/releases/" + r.Release.Id);
        var current = facts.Current;
        var first = facts.Releases[0];

        var catalog = new JsonObject
        {
            ["@id"] = url("/v1/catalog"),
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = Text(Title),
            ["dct:description"] = Text(Description),
            ["dct:publisher"] = Id(publisher["@id"]!.GetValue<string>()),
            ["foaf:homepage"] = Id(url("/")),
            ["dct:issued"] = Time(first.Release.PublishedAt),
            ["dct:modified"] = Time(current.Release.PublishedAt),
            ["dct:spatial"] = Countries(current),
            ["dcat:themeTaxonomy"] = Id("http://publications.europa.eu/resource/authority/data-theme"),
            ["dcat:dataset"] = new JsonArray(Id(DatasetId(current)), Id(seriesId)),
            ["dcat:service"] = Id(serviceId),
        };
        if (licence is not null) catalog["dct:license"] = Id(licence);

        var series = new JsonObject
        {
            ["@id"] = seriesId,
            ["@type"] = "dcat:DatasetSeries",
            ["dct:title"] = Text(Title + ": every release"),
            ["dct:description"] = Text("Every release of the data, oldest first: one dataset per import, each kept unchanged with its files until pruned."),
            ["dct:publisher"] = Id(publisher["@id"]!.GetValue<string>()),
            ["dcat:contactPoint"] = contact.DeepClone(),
            ["dct:issued"] = Time(first.Release.PublishedAt),
            ["dct:modified"] = Time(current.Release.PublishedAt),
            ["dct:spatial"] = Countries(current),
            ["dcat:last"] = Id(DatasetId(current)),
        };
        if (Period(current) is { } period) series["dct:temporal"] = period;

        var service = new JsonObject
        {
            ["@id"] = serviceId,
            ["@type"] = "dcat:DataService",
            ["dct:title"] = Text("OpenGov API"),
            ["dct:description"] = Text("A REST/JSON API of the data: every collection with filters, search and facets, as JSON, CSV or NDJSON, "
                + "at any release (?release=)."),
            ["dcat:endpointURL"] = Id(serviceId),
            ["dcat:endpointDescription"] = Id(url("/openapi.json")),
            ["dct:publisher"] = Id(publisher["@id"]!.GetValue<string>()),
            ["dcat:servesDataset"] = new JsonArray([.. facts.Releases.Select(r => Id(DatasetId(r))), Id(seriesId)]),
        };

        var graph = new JsonArray(catalog, publisher, series, service);
        foreach (var release in facts.Releases)
            graph.Add(Dataset(release, DatasetId(release), seriesId, publisher["@id"]!.GetValue<string>(), contact, licence, facts, url));
        return new JsonObject { ["@context"] = Context.DeepClone(), ["@graph"] = graph };
    }

    static JsonObject Dataset(CatalogRelease r, string id, string seriesId, string publisherId, JsonObject contact, string? licence,
        CatalogFacts facts, Func<string, string> url)
    {
        var release = r.Release;
        var counts = string.Join(", ", new[] { "members", "action_plans", "commitments", "milestones", "irm_ratings" }
            .Where(release.Counts.ContainsKey).Select(k => $"{release.Counts[k].ToString(CultureInfo.InvariantCulture)} {k.Replace('_', ' ')}"));
        var pinned = "?release=" + Uri.EscapeDataString(release.Id);
        var dataset = new JsonObject
        {
            ["@id"] = id,
            ["@type"] = "dcat:Dataset",
            ["dct:title"] = Text($"{Title}, release {release.Number.ToString(CultureInfo.InvariantCulture)} ({release.Id})"),
            ["dct:description"] = Text($"{Description} Release {release.Id} holds {counts}." + (release.SourceFile is { } file
                ? $" Imported from the file {file}" + (release.SourceSha256 is { } sha ? $" (SHA-256 {sha})." : ".") : "")),
            ["dct:identifier"] = release.Id,
            ["dcat:version"] = release.Id,
            ["dct:issued"] = Time(release.PublishedAt),
            ["dct:modified"] = Time(release.PublishedAt),
            ["dcat:inSeries"] = Id(seriesId),
            ["dct:publisher"] = Id(publisherId),
            ["dcat:contactPoint"] = contact.DeepClone(),
            ["dcat:keyword"] = new JsonArray(Text("open government"), Text("Open Government Partnership"), Text("action plans"),
                Text("commitments"), Text("Independent Reporting Mechanism")),
            ["dcat:theme"] = Id(GovernmentTheme),
            ["dct:spatial"] = Countries(r),
            ["dcat:landingPage"] = Id(url("/" + pinned)),
            ["dcat:distribution"] = new JsonArray([.. r.Files.Files.Select(f => Distribution(f, release.Id, id, licence, facts.Dataset.Licence, url))]),
        };
        if (release.Note is { Length: > 0 } note) dataset["adms:versionNotes"] = Text(note);
        if (Period(r) is { } period) dataset["dct:temporal"] = period;
        return dataset;
    }

    static JsonObject Distribution(ExportFile file, string release, string datasetId, string? licence, string statedLicence, Func<string, string> url)
    {
        var pinned = "?release=" + Uri.EscapeDataString(release);
        var mediaType = file.MediaType.Split(';')[0].Trim();
        var distribution = new JsonObject
        {
            ["@id"] = datasetId + "#" + file.Name,
            ["@type"] = "dcat:Distribution",
            ["dct:title"] = Text(file.Name),
            ["dct:description"] = Text(file.Rows is { } rows
                ? $"The {file.Resource} of release {release} as {file.Format.ToUpperInvariant()}: {rows.ToString(CultureInfo.InvariantCulture)} records."
                : $"The whole database of release {release} as a {file.Format} file."),
            ["dcat:accessURL"] = Id(url("/v1/exports" + pinned)),
            ["dcat:downloadURL"] = Id(url("/v1/exports/" + file.Name + pinned)),
            ["dcat:mediaType"] = Id("https://www.iana.org/assignments/media-types/" + mediaType),
            ["dct:format"] = Id(FileType(file.Format) ?? "https://www.iana.org/assignments/media-types/" + mediaType),
            ["dcat:byteSize"] = new JsonObject { ["@value"] = file.Bytes.ToString(CultureInfo.InvariantCulture), ["@type"] = "xsd:nonNegativeInteger" },
            ["spdx:checksum"] = new JsonObject
            {
                ["@type"] = "spdx:Checksum",
                ["spdx:algorithm"] = Id("http://spdx.org/rdf/terms#checksumAlgorithm_sha256"),
                ["spdx:checksumValue"] = new JsonObject { ["@value"] = file.Sha256, ["@type"] = "xsd:hexBinary" },
            },
            ["dcatap:availability"] = Id(Available),
        };
        if (licence is not null) distribution["dct:license"] = Id(licence);
        else distribution["dct:rights"] = new JsonObject { ["@type"] = "dct:RightsStatement", ["http://www.w3.org/2000/01/rdf-schema#label"] = Text(statedLicence) };
        return distribution;
    }

    /// <summary>The EU file type of a format, where the EU vocabulary has one (it has none for NDJSON or SQLite).</summary>
    static string? FileType(string format) => format switch
    {
        "csv" => "http://publications.europa.eu/resource/authority/file-type/CSV",
        "parquet" => "http://publications.europa.eu/resource/authority/file-type/PARQUET",
        _ => null,
    };

    static JsonArray Countries(CatalogRelease r) =>
        new([.. r.Coverage.Countries.Select(code => Id("http://publications.europa.eu/resource/authority/country/" + code))]);

    static JsonObject? Period(CatalogRelease r) => r.Coverage is { FromYear: { } from, ToYear: { } to }
        ? new JsonObject
        {
            ["@type"] = "dct:PeriodOfTime",
            ["dcat:startDate"] = new JsonObject { ["@value"] = from.ToString("D4", CultureInfo.InvariantCulture), ["@type"] = "xsd:gYear" },
            ["dcat:endDate"] = new JsonObject { ["@value"] = to.ToString("D4", CultureInfo.InvariantCulture), ["@type"] = "xsd:gYear" },
        }
        : null;

    static JsonObject Id(string iri) => new() { ["@id"] = iri };

    static JsonObject Text(string text) => new() { ["@value"] = text, ["@language"] = "en" };

    static JsonObject Time(DateTimeOffset time) =>
        new() { ["@value"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), ["@type"] = "xsd:dateTime" };
}
