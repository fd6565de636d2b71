using OpenGov.Data.Export;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;

namespace OpenGov.Api.Catalog;

/// <summary>One release as the catalog describes it: the release, its export files, and what its data covers.</summary>
internal sealed record CatalogRelease(Release Release, ExportManifest Files, Coverage Coverage);

/// <summary>Who publishes the catalog (configuration Catalog:Publisher and Catalog:ContactEmail), with defaults that name the service.</summary>
internal sealed record CatalogPublisher(string Name, string? Email)
{
    public static CatalogPublisher From(IConfiguration config) =>
        new(config["Catalog:Publisher"] is { Length: > 0 } name ? name : "OpenGov API", config["Catalog:ContactEmail"] is { Length: > 0 } email ? email : null);
}

/// <summary>Everything the catalog says, gathered before it is written: the dataset, its releases (oldest first, the current last) and the publisher.</summary>
internal sealed record CatalogFacts(DatasetInfo Dataset, IReadOnlyList<CatalogRelease> Releases, CatalogPublisher Publisher)
{
    public CatalogRelease Current => Releases[^1];
}
