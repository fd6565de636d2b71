using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenGov.Data.Import;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Import;

/// <summary>
/// OGP's real export imported and searched by a word whose other forms its texts use: the
/// commitments that say only "parliaments" or "parliamentary" (or "comisiones"), counted here from
/// the file with a regular expression, are found by the word itself, and were not by the word as
/// typed (in quotes).
/// </summary>
public sealed partial class WordFormsRealExportTests
{
    OgpCsv csv = null!;
    ApiFactory api = null!;
    HttpClient client = null!;

    [OneTimeSetUp]
    public void ImportAndServe()
    {
        csv = OgpCsv.Load(OgpCsv.PathOrSkip());
        // The export imported once for the run, as the other fixtures that only read it.
        api = SharedHosts.Imported.Api;
        client = api.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop() => client?.Dispose();

    async Task<HashSet<string>> Ids(string query)
    {
        var page = JsonNode.Parse(await client.GetStringAsync("/v1/commitments?fields=id&limit=1000&" + query))!;
        Assert.That((long)page["meta"]!["total"]!, Is.LessThan(1000));
        return page["data"]!.AsArray().Select(h => (string)h!["id"]!).ToHashSet();
    }

    /// <summary>A text without its accents, in lower case (as the index folds it).</summary>
    static string Folded(string text) =>
        string.Concat(text.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
            .ToLowerInvariant();

    /// <summary>
    /// The commitments whose title or full text has a word that begins with <paramref name="word"/>
    /// and is longer, and whose indexed texts (title, short title, full text, institutions) never
    /// have the word itself.
    /// </summary>
    List<string> OnlyOtherForms(string word)
    {
        var longer = new Regex($@"\b{word}\w+", RegexOptions.CultureInvariant);
        var itself = new Regex($@"\b{word}\b", RegexOptions.CultureInvariant);
        string Cell(string[] row, string column) => Folded(csv.Cell(row, column));
        return csv.Rows
            .Where(r => longer.IsMatch(Cell(r, OgpColumns.Title) + " " + Cell(r, OgpColumns.FullText))
                && !itself.IsMatch(string.Join(" ", new[] { OgpColumns.Title, OgpColumns.ShortTitle, OgpColumns.FullText, OgpColumns.Lead, OgpColumns.Supporting }
                    .Select(c => Cell(r, c)))))
            .Select(r => csv.Cell(r, OgpColumns.Id)).Distinct().ToList();
    }

    [TestCase("parliament", "en")]
    [TestCase("comisión", "es")]
    public async Task AWordFindsTheCommitmentsThatUseOnlyItsOtherForms(string word, string lang)
    {
        var expected = OnlyOtherForms(Folded(word));
        TestContext.Out.WriteLine($"{word}: {expected.Count} commitments use only longer forms of it");
        Assert.That(expected, Is.Not.Empty);
        var before = await Ids($"q=\"{word}\"&lang={lang}");
        var after = await Ids($"q={word}&lang={lang}");
        TestContext.Out.WriteLine($"{word}: {before.Count} hits as typed, {after.Count} with its forms");
        Assert.That(before.Intersect(expected), Is.Empty, "the word as typed does not find them");
        Assert.That(after, Is.SupersetOf(before));
        Assert.That(after, Is.SupersetOf(expected));
    }
}
