using System.Globalization;
using OpenGov.Api.Http;
using OpenGov.Data.Model;

namespace OpenGov.Api.Catalog;

/// <summary>
/// How a release is cited: the URL that holds its data for good (/v1?release={id}: a release never
/// changes) and a line in the shape data citations take (publisher, year, title, version, date,
/// [Data set], URL), by the publisher the catalog names.
/// </summary>
internal static class Citation
{
    public static Release Of(Release release, HttpRequest request, CatalogPublisher publisher)
    {
        var url = Links.AtRelease(request, "/v1", default, release.Id);
        var published = release.PublishedAt.UtcDateTime;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{publisher.Name} ({published:yyyy}). {DcatCatalog.Title}, release {release.Number} ({release.Id}), published {published:yyyy-MM-dd} [Data set]. {url}");
        return release with { Citation = text, CiteUrl = url };
    }
}
