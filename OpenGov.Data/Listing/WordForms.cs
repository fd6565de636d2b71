using System.Text;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;
using OpenGov.Data.Snippets;

namespace OpenGov.Data.Listing;

/// <summary>
/// The word forms a search finds beside the word itself (parliament: parliaments, parliamentary;
/// comisión: comisiones), by the Snowball stemmers of English, French and Spanish (Lucene.Net's port,
/// Lucene.Net.Analysis.Common).
///
/// The index keeps, beside each text column, a column of its stems (title_stem beside title, ...):
/// one term for each token of the text, in order, so that token i of the stem column is the stem of
/// token i of the text (a snippet marks the text's token where the stem matched). Each stem is
/// written with its row's language before it and a 0 (en0parliament): a row's text is stemmed by its
/// own language's stemmer, and the stem of a word in one language never meets a stem of another's.
///
/// A search word is looked for as itself in the text columns, or as its stem in each of the three
/// languages in the stem columns (a language's stem only meets rows of that language). Where the stem
/// has <see cref="PrefixFrom"/> letters or more, any stem that begins with it matches too: Snowball
/// leaves derivations such as parliamentary (parliamentari) apart from parliament. The expression
/// does not depend on the language asked for: a row serves several languages (a record without a
/// translation is searched in the language it has), and the kept top hits of a word are one ranking
/// for them all (SearchTopHits).
/// </summary>
public static class WordForms
{
    /// <summary>The index's text columns, each with a stem column of the same name and "_stem".</summary>
    public static readonly IReadOnlyList<string> TextColumns = ["title", "description", "milestones", "institutions"];

    /// <summary>The stem column of a text column.</summary>
    public static string StemColumn(string column) => column + "_stem";

    /// <summary>The FTS5 column filter of the text columns.</summary>
    public static readonly string Exact = "{" + string.Join(' ', TextColumns) + "}";

    /// <summary>The FTS5 column filter of the stem columns.</summary>
    public static readonly string Stems = "{" + string.Join(' ', TextColumns.Select(StemColumn)) + "}";

    /// <summary>A stem this long or longer also finds the stems that begin with it (parliament finds parliamentari).</summary>
    public const int PrefixFrom = 6;

    /// <summary>The languages stemmed, as Localized.Languages names them.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "es"];

    /// <summary>What a stem term starts with in a row of <paramref name="lang"/>: the language, then 0 (no word of a text starts so).</summary>
    public static string Tag(string lang) => lang + "0";

    /// <summary>Whether <paramref name="term"/> (of the index's vocabulary) is a stem term rather than a word of a text.</summary>
    public static bool IsStemTerm(string term) => term.Length > 3 && term[2] == '0' && Languages.Contains(term[..2]);

    /// <summary>A GLOB that matches the stem terms of the vocabulary (and, rarely, a word that looks like one).</summary>
    public const string StemTermGlob = "[efs][nrs]0*";

    // Snowball's stemmers keep state between calls: one of each per thread.
    [ThreadStatic] static SnowballProgram[]? stemmers;

    static SnowballProgram StemmerOf(string lang)
    {
        stemmers ??= [new EnglishStemmer(), new FrenchStemmer(), new SpanishStemmer()];
        return lang switch
        {
            "fr" => stemmers[1],
            "es" => stemmers[2],
            _ => stemmers[0],
        };
    }

    /// <summary>The stem of <paramref name="word"/> (one token) in <paramref name="lang"/>, lower case, accents kept (the index folds them).</summary>
    public static string Stem(string lang, string word)
    {
        var stemmer = StemmerOf(lang);
        stemmer.SetCurrent(word.ToLowerInvariant());
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>
    /// The stem column's text for <paramref name="text"/>, a row's text in <paramref name="lang"/>: the
    /// tagged stem of each token, as the index's tokenizer reads the text, joined by spaces; null for
    /// null. Where the tokenizer could not be learned or the text holds a character it was not taught,
    /// the words are split here instead, not token for token (no snippet of such a row is made in C#).
    /// </summary>
    public static string? StemsOf(string lang, string? text)
    {
        if (text is null) return null;
        if (!Languages.Contains(lang)) lang = "en";
        var tag = Tag(lang);
        var result = new StringBuilder(text.Length + text.Length / 4);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (Fts5Tokenizer.Default is { } tokenizer)
        {
            var sink = new TokenSink { Bytes = bytes, Lang = lang, Tag = tag, Result = result };
            if (tokenizer.Tokenize(bytes, ref sink)) return result.ToString();
            result.Clear();
        }
        foreach (var word in text.Split(c => !char.IsLetterOrDigit(c)))
            if (word.Length > 0) Append(result, tag, Stem(lang, word));
        return result.ToString();
    }

    static void Append(StringBuilder result, string tag, string stem)
    {
        if (result.Length > 0) result.Append(' ');
        result.Append(tag).Append(stem);
    }

    static string[] Split(this string text, Func<char, bool> separator)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
            if (i == text.Length || separator(text[i]))
            {
                if (i > start) words.Add(text[start..i]);
                start = i + 1;
            }
        return [.. words];
    }

    // The stems of the words met so far, per thread and language: a text repeats its words, and an
    // import's texts share most of theirs (stemming each token anew made an import's full-text
    // thread several times slower). Emptied when it holds MaxKnown words.
    [ThreadStatic] static Dictionary<string, string>[]? known;
    const int MaxKnown = 200_000;

    /// <summary>The stem of the token <paramref name="word"/> in <paramref name="lang"/> (of <see cref="Languages"/>), remembered.</summary>
    static string KnownStem(string lang, ReadOnlySpan<char> word)
    {
        known ??= [new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
        var stems = known[lang switch { "fr" => 1, "es" => 2, _ => 0 }];
        var lookup = stems.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(word, out var stem)) return stem;
        if (stems.Count >= MaxKnown) stems.Clear();
        var text = word.ToString();
        stem = Stem(lang, text);
        stems[text] = stem;
        return stem;
    }

    struct TokenSink : Fts5Tokenizer.ISink
    {
        public byte[] Bytes;
        public string Lang, Tag;
        public StringBuilder Result;

        public readonly void Token(ReadOnlySpan<byte> term, int start, int end)
        {
            var bytes = Bytes.AsSpan(start, end - start);
            Span<char> chars = bytes.Length <= 256 ? stackalloc char[bytes.Length] : new char[bytes.Length];
            var word = chars[..Encoding.UTF8.GetChars(bytes, chars)];
            Append(Result, Tag, KnownStem(Lang, word));
        }
    }

    /// <summary>
    /// The stem terms <paramref name="word"/> (a word as typed, one token of the index) is looked for
    /// as, one per language (distinct), each with whether a stem that begins with it matches too;
    /// none where the word is not one token.
    /// </summary>
    public static List<(string Term, bool Prefix)> QueryStems(string word)
    {
        var terms = new List<(string, bool)>();
        if (!IsOneToken(word)) return terms;
        foreach (var lang in Languages)
        {
            var stem = Stem(lang, word);
            var term = (Tag(lang) + stem, stem.Length >= PrefixFrom);
            if (!terms.Contains(term)) terms.Add(term);
        }
        return terms;
    }

    /// <summary>Whether the index's tokenizer reads <paramref name="word"/> as one token (open_data is two).</summary>
    static bool IsOneToken(string word)
    {
        if (word.Length == 0) return false;
        if (Fts5Tokenizer.Default is not { } tokenizer) return word.All(char.IsLetterOrDigit);
        var sink = new CountSink();
        return tokenizer.Tokenize(Encoding.UTF8.GetBytes(word), ref sink) && sink.Count == 1;
    }

    struct CountSink : Fts5Tokenizer.ISink
    {
        public int Count;
        public void Token(ReadOnlySpan<byte> term, int start, int end) => Count++;
    }

    /// <summary>The FTS5 expression that looks for <paramref name="word"/> as itself in the texts or by its forms in the stems.</summary>
    public static string Match(string word)
    {
        var stems = QueryStems(word);
        if (stems.Count == 0) return $"{Exact}: {word}";
        var forms = string.Join(" OR ", stems.Select(s => $"\"{s.Term}\"" + (s.Prefix ? "*" : "")));
        return $"({Exact}: {word} OR {Stems}: ({forms}))";
    }
}
