using OpenGov.Api.Http;
using System.Text;
using System.Xml;
using OpenGov.Data.Queries;

namespace OpenGov.Api.Pages;

/// <summary>
/// What search engines crawl by: /sitemap.xml (the sitemaps.org protocol) lists the explorer and the page
/// of every member, action plan and commitment, each with its French and Spanish twins as alternates
/// (hreflang); /robots.txt names it. OGP's whole export has about a thousand such pages, far below a
/// sitemap's 50,000 URLs.
/// </summary>
internal static class SitemapEndpoints
{
    const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const string XhtmlNs = "http://www.w3.org/1999/xhtml";
    static readonly string[] Languages = ["en", "fr", "es"];

    public static RouteGroupBuilder MapSitemap(this RouteGroupBuilder pages)
    {
        pages.MapGet("/sitemap.xml", Sitemap);
        return pages;
    }

    /// <summary>A fixed text, outside the read path (like the assets), which names the sitemap on the host asked.</summary>
    public static IResult Robots(HttpContext http) =>
        Results.Text($"User-agent: *\nAllow: /\n\nSitemap: {Origin(http)}/sitemap.xml\n", "text/plain; charset=utf-8");

    static async Task<IResult> Sitemap(HttpContext http, SitemapQueries q)
    {
        var origin = Origin(http);
        var paths = new List<string> { "/" };
        paths.AddRange((await q.PagesAsync(ReadContext.ScopeOf(http))).Select(p => $"/{p.Collection}/{Uri.EscapeDataString(p.Id)}"));
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartElement("urlset", SitemapNs);
            xml.WriteAttributeString("xmlns", "xhtml", null, XhtmlNs);
            foreach (var path in paths)
            {
                xml.WriteStartElement("url", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, origin + path);
                foreach (var lang in Languages)
                {
                    xml.WriteStartElement("xhtml", "link", XhtmlNs);
                    xml.WriteAttributeString("rel", "alternate");
                    xml.WriteAttributeString("hreflang", lang);
                    xml.WriteAttributeString("href", origin + (lang == "en" ? path : PageUrls.With(path, "lang", lang)));
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return Results.Bytes(buffer.ToArray(), "application/xml; charset=utf-8");
    }

    static string Origin(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host.Value}{http.Request.PathBase.Value}";
}
