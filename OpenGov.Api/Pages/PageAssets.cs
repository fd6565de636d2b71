using System.Security.Cryptography;

namespace OpenGov.Api.Pages;

/// <summary>
/// The pages' static files, named by a hash of their bytes (site.1a2b3c4d.css) so that they can be
/// cached for a year and a new version is a new URL. Read once from the assembly.
/// </summary>
internal static class PageAssets
{
    public static readonly byte[] Css = Read("site.css");

    /// <summary>The stylesheet's URL: /assets/site.{first 16 hex digits of its SHA-256}.css.</summary>
    public static readonly string CssPath = PathOf("site", "css", Css);

    /// <summary>The pages' icon, linked from every page so that a browser does not ask for /favicon.ico.</summary>
    public static readonly byte[] Icon = Read("icon.svg");

    public static readonly string IconPath = PathOf("icon", "svg", Icon);

    static string PathOf(string name, string extension, byte[] bytes) =>
        $"/assets/{name}.{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}.{extension}";

    static byte[] Read(string name)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream($"OpenGov.Api.Pages.{name}")
            ?? throw new InvalidOperationException($"{name} is not embedded in the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
