using System.Text;

namespace OpenGov.Data.Snippets;

/// <summary>
/// The phrases of an FTS5 search expression, as FTS5's snippet() sees them, for the shapes whose
/// phrase instances in a matching row are plain to work out: phrases all joined by AND (written or
/// implied), where every phrase's every occurrence is an instance, or all joined by OR, where every
/// phrase found in the row is. Anything else (NOT, parentheses, a mix of AND and OR, NEAR, an empty
/// phrase) gives null, and the snippet is FTS5's own: there a phrase's instances depend on how FTS5
/// walked the expression's tree.
/// </summary>
public sealed class SnippetQuery
{
    /// <summary>Each distinct term looked for, folded as the index folds it, and whether a token need only begin with it (a prefix*).</summary>
    internal readonly List<(string Text, bool Prefix)> Terms = [];

    /// <summary>Each phrase in the order FTS5 numbers them: its tokens as indexes into <see cref="Terms"/>.</summary>
    internal readonly List<int[]> Phrases = [];

    /// <summary>
    /// The other forms of the query's plain words (see Listing.WordForms): each stem term, folded as
    /// the index folds it, whether a stem need only begin with it, and the phrase (of one plain word)
    /// an instance of which a token is where its stem (the token at the same place in the column's
    /// stem column) matches.
    /// </summary>
    internal readonly List<(string Text, bool Prefix, int Phrase)> Stems = [];

    /// <summary>Whether the phrases are joined by OR (a phrase then has instances only where it is found) rather than AND.</summary>
    internal bool AnyOf { get; private set; }

    /// <summary>At most this many distinct terms: a token's matches are a bit each in one 64-bit mask.</summary>
    const int MaxTerms = 64;

    SnippetQuery() { }

    /// <summary>
    /// The phrases of <paramref name="expression"/> (SearchQuery.ToFts5's output), or null when its
    /// shape is left to FTS5; with <paramref name="stems"/>, each plain word's other forms are marked too.
    /// </summary>
    public static SnippetQuery? Of(string expression, Fts5Tokenizer tokenizer, bool stems = true)
    {
        var query = new SnippetQuery();
        bool? anyOf = null;
        var expectOperand = true;
        var i = 0;
        while (true)
        {
            while (i < expression.Length && expression[i] is ' ' or '\t' or '\n' or '\r') i++;
            if (i >= expression.Length) break;
            string text;
            var quoted = expression[i] == '"';
            if (quoted)
            {
                var close = expression.IndexOf('"', i + 1);
                if (close < 0) return null;
                // "" inside a string is a quote in FTS5's grammar: never written by ToFts5, left to FTS5.
                if (close + 1 < expression.Length && expression[close + 1] == '"') return null;
                text = expression[(i + 1)..close];
                i = close + 1;
            }
            else if (IsBareword(expression[i]))
            {
                var start = i;
                while (i < expression.Length && IsBareword(expression[i])) i++;
                text = expression[start..i];
                if (text is "AND" or "OR")
                {
                    if (expectOperand) return null;
                    var or = text == "OR";
                    if (anyOf is { } was && was != or) return null;
                    anyOf = or;
                    expectOperand = true;
                    continue;
                }
                if (text is "NOT" or "NEAR") return null;
            }
            else return null;
            var prefix = i < expression.Length && expression[i] == '*';
            if (prefix) i++;
            if (!expectOperand)
            {
                // Two phrases side by side: an AND.
                if (anyOf == true) return null;
                anyOf = false;
            }
            if (!query.AddPhrase(text, prefix, tokenizer)) return null;
            if (stems && !quoted && !prefix) query.AddStems(text, tokenizer);
            expectOperand = false;
        }
        if (expectOperand || query.Phrases.Count == 0) return null;
        query.AnyOf = anyOf == true;
        return query;
    }

    /// <summary>
    /// Every phrase of <paramref name="expression"/> but those after a NOT, joined by OR, whatever
    /// the expression's shape: the phrases a snippet marks where FTS5's snippet() cannot show a row's
    /// match (a row found only by another form of a word, under NOT, parentheses or a mix of AND and
    /// OR). Null where the expression has no such phrase, or one this does not read.
    /// </summary>
    public static SnippetQuery? AnyPhraseOf(string expression, Fts5Tokenizer tokenizer)
    {
        var query = new SnippetQuery { AnyOf = true };
        // How deep in parentheses a NOT's operand began (-1: not in one), and how deep we are.
        int depth = 0, skipFrom = -1;
        var skipNext = false;
        var i = 0;
        while (true)
        {
            while (i < expression.Length && expression[i] is ' ' or '\t' or '\n' or '\r') i++;
            if (i >= expression.Length) break;
            var c = expression[i];
            if (c == '(')
            {
                if (skipNext && skipFrom < 0) skipFrom = depth;
                skipNext = false;
                depth++;
                i++;
                continue;
            }
            if (c == ')')
            {
                depth--;
                if (depth == skipFrom) skipFrom = -1;
                i++;
                continue;
            }
            string text;
            var quoted = c == '"';
            if (quoted)
            {
                var close = expression.IndexOf('"', i + 1);
                if (close < 0 || (close + 1 < expression.Length && expression[close + 1] == '"')) return null;
                text = expression[(i + 1)..close];
                i = close + 1;
            }
            else if (IsBareword(c))
            {
                var start = i;
                while (i < expression.Length && IsBareword(expression[i])) i++;
                text = expression[start..i];
                if (text is "AND" or "OR") continue;
                if (text is "NEAR") return null;
                if (text is "NOT")
                {
                    skipNext = true;
                    continue;
                }
            }
            else return null;
            var prefix = i < expression.Length && expression[i] == '*';
            if (prefix) i++;
            var skip = skipNext || skipFrom >= 0;
            skipNext = false;
            if (skip) continue;
            if (!query.AddPhrase(text, prefix, tokenizer)) return null;
            if (!quoted && !prefix) query.AddStems(text, tokenizer);
        }
        return query.Phrases.Count == 0 ? null : query;
    }

    /// <summary>The stem terms of plain word <paramref name="word"/>, the last phrase added (one term), folded as the index folds them.</summary>
    void AddStems(string word, Fts5Tokenizer tokenizer)
    {
        if (Phrases[^1] is not [_] || Phrases.Count > 64) return;
        var phrase = Phrases.Count - 1;
        foreach (var (stem, prefix) in Listing.WordForms.QueryStems(word))
        {
            var sink = new TermSink();
            if (!tokenizer.Tokenize(Encoding.UTF8.GetBytes(stem), ref sink) || sink.Terms is not [var folded]) continue;
            if (!Stems.Contains((folded, prefix, phrase))) Stems.Add((folded, prefix, phrase));
        }
    }

    /// <summary>A character of an FTS5 bareword: letters, digits and _ of ASCII, and every character past it.</summary>
    static bool IsBareword(char c) => c >= 0x80 || char.IsAsciiLetterOrDigit(c) || c == '_' || c == '\x1a';

    bool AddPhrase(string text, bool prefix, Fts5Tokenizer tokenizer)
    {
        var sink = new TermSink();
        if (!tokenizer.Tokenize(Encoding.UTF8.GetBytes(text), ref sink) || sink.Terms.Count == 0) return false;
        var phrase = new int[sink.Terms.Count];
        for (var t = 0; t < phrase.Length; t++)
        {
            var term = (sink.Terms[t], prefix && t == phrase.Length - 1);
            var at = Terms.IndexOf(term);
            if (at < 0)
            {
                if (Terms.Count == MaxTerms) return false;
                at = Terms.Count;
                Terms.Add(term);
            }
            phrase[t] = at;
        }
        Phrases.Add(phrase);
        return true;
    }

    sealed class TermSink : Fts5Tokenizer.ISink
    {
        public readonly List<string> Terms = [];
        public void Token(ReadOnlySpan<byte> term, int start, int end) => Terms.Add(Encoding.UTF8.GetString(term));
    }
}
