namespace OpenGov.Data.Import;

/// <summary>
/// The language a commitment of OGP's export was written in, English, French or Spanish, from the
/// small words each language uses all the time and the others do not (the, and, of; le, les, des;
/// el, los, y): the one whose words outnumber the others' two to one, with at least two of them;
/// English, the export's language, where no text says clearly. Measured on the July 2024 export: 56 of 558 commitments
/// Spanish (Latin American parliaments), none French; MAPPING.md lists the check.
/// </summary>
internal static class LanguageGuess
{
    static readonly string[] Codes = ["en", "es", "fr"];

    // Each small word and the language it belongs to (an index into Codes), looked up by span so
    // that reading a text allocates nothing: the import reads 55,800 full texts in its 100x file.
    static readonly Dictionary<string, int> Words = new(StringComparer.OrdinalIgnoreCase);
    static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> WordsBySpan;

    static LanguageGuess()
    {
        string[][] words =
        [
            ["the", "and", "of", "to", "for", "with", "on", "by", "from", "is", "that", "this", "an"],
            ["el", "los", "las", "y", "del", "para", "con", "una", "por", "al", "se", "su", "sus", "como", "entre"],
            ["le", "les", "des", "et", "du", "pour", "dans", "une", "au", "aux", "sur", "est", "par", "avec"],
        ];
        for (var i = 0; i < words.Length; i++)
            foreach (var w in words[i]) Words.Add(w, i);
        WordsBySpan = Words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

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
        Span<int> counts = stackalloc int[Codes.Length];
        foreach (var text in texts)
        {
            if (text is null) continue;
            var read = text.AsSpan(0, Math.Min(text.Length, 2000));
            // Words are runs of letters; only short ones can be small words.
            var start = -1;
            for (var i = 0; i <= read.Length; i++)
            {
                var letter = i < read.Length && char.IsLetter(read[i]);
                if (letter && start < 0) start = i;
                else if (!letter && start >= 0)
                {
                    if (i - start <= 6 && WordsBySpan.TryGetValue(read[start..i], out var lang)) counts[lang]++;
                    start = -1;
                }
            }
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
            if (counts[i] > counts[best]) best = i;
        var others = 0;
        for (var i = 0; i < counts.Length; i++)
            if (i != best) others = Math.Max(others, counts[i]);
        return counts[best] >= 2 && counts[best] >= 2 * others ? Codes[best] : null;
    }
}
