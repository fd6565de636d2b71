using System.Text.RegularExpressions;

namespace OpenGov.Api.Catalog;

/// <summary>
/// The data's licence as a link: the database states it as an SPDX identifier (the sample:
/// CC-BY-4.0) or, where its source states none, as a sentence that says so (an import of OGP's
/// export). Only an identifier becomes a link; a sentence is no licence, and none is made up for it.
/// </summary>
internal static partial class Licences
{
    public static string? Url(string licence) => SpdxId().IsMatch(licence) ? "https://spdx.org/licenses/" + licence : null;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.+-]*[0-9][A-Za-z0-9.+-]*$")]
    private static partial Regex SpdxId();
}
