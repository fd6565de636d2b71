using System.Text.RegularExpressions;

namespace OpenGov.Data.Import;

/// <summary>
/// The language a commitment of OGP's export was written in, English, French or Spanish, from the
/// small words each language uses all the time and the others do not (the, and, of; le, les, des;
/// el, los, y): the one whose words outnumber the others' two to one, with at least two of them;
/// English, the export's language, where no text says clearly. Measured on the July 2024 export: 56 of 558 commitments
/// Spanish (Latin American parliaments), none French; MAPPING.md lists the check.
/// </summary>
internal static partial class LanguageGuess
{
    static readonly (string Lang, HashSet<string> Words)[] Languages =
    [
        ("en", ["the", "and", "of", "to", "for", "with", "on", "by", "from", "is", "that", "this", "an"]),
        ("es", ["el", "los", "las", "y", "del", "para", "con", "una", "por", "al", "se", "su", "sus", "como", "entre"]),
        ("fr", ["le", "les", "des", "et", "du", "pour", "dans", "une", "au", "aux", "sur", "est", "par", "avec"]),
    ];

    /// <summary>
    /// The language of each text of a record. OGP's export mixes them: a Spanish title with an English
    /// short title over a Spanish full text (AR0045), an English title over a Spanish full text
    /// (HN0005). The record's language is its title's (what every list shows), or where the title
    /// is too short to say, that of the title and full text together; a short title or full text
    /// that does not say clearly is taken to be in the record's language.
    /// </summary>
    public static (string Record, string ShortTitle, string FullText) OfRecord(string? title, string? shortTitle, string? fullText)
    {
        var record = Clear(title) ?? Clear(title, fullText) ?? "en";
        return (record, Clear(shortTitle) ?? record, Clear(fullText) ?? record);
    }

    /// <summary>"en", "es" or "fr" for the texts given (null ones are skipped; the first 2,000 characters of each are read), or null where they do not say clearly.</summary>
    static string? Clear(params string?[] texts)
    {
        var counts = new int[Languages.Length];
        foreach (var text in texts)
        {
            if (text is null) continue;
            foreach (Match word in Word().Matches(text.Length > 2000 ? text[..2000] : text))
            {
                var w = word.Value.ToLowerInvariant();
                for (var i = 0; i < Languages.Length; i++)
                    if (Languages[i].Words.Contains(w)) counts[i]++;
            }
        }
        var best = Array.IndexOf(counts, counts.Max());
        var others = counts.Where((_, i) => i != best).Max();
        return counts[best] >= 2 && counts[best] >= 2 * others ? Languages[best].Lang : null;
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();
}
