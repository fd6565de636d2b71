using System.Text;
using System.Text.RegularExpressions;

namespace OpenGov.Data.Listing;

/// <summary>
/// Turns what a person types into an FTS5 expression: words (all must match), "quoted phrases",
/// prefix* and the operators AND, OR, NOT and parentheses keep their meaning, and a minus before a
/// word, phrase or group leaves it out as on a web search engine (data -open is data NOT open); a
/// word with punctuation inside (e-government, U.K.) is searched as the phrase of its parts instead
/// of being read as FTS5 syntax.
/// </summary>
public static partial class SearchQuery
{
    /// <summary>Why the text cannot be a search, or null when it can.</summary>
    public static string? Problem(string text)
    {
        // Punctuation alone (*, "", -) holds no word to look for: FTS5 finds nothing, which reads as
        // "no commitment says that" rather than "this was not a search".
        if (!text.Any(char.IsLetterOrDigit)) return "q needs at least one word.";
        if (text.Length > 500) return "q is longer than 500 characters.";
        if (text.Count(c => c == '"') % 2 != 0) return "q has a quote that is not closed.";
        var depth = 0;
        foreach (var c in text)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) break;
        }
        if (depth != 0) return "q has parentheses that do not match.";
        return OperatorWithoutWords(Read(text)) is { } op
            ? $"q has {op} without something to search on each side: AND, OR and NOT (or a minus, as in data -open) go between two words, phrases or groups. To search for the words and, or, not, write them in lower case."
            : null;
    }

    /// <summary>What was typed for the first operator that does not stand between two operands, or null.</summary>
    static string? OperatorWithoutWords(IReadOnlyList<(string Token, string Typed)> tokens)
    {
        static bool IsOperator(string t) => t is "AND" or "OR" or "NOT";
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!IsOperator(tokens[i].Token)) continue;
            var before = i > 0 ? tokens[i - 1].Token : null;
            var after = i + 1 < tokens.Count ? tokens[i + 1].Token : null;
            if (before is null or "(" || IsOperator(before) || after is null or ")" || IsOperator(after)) return tokens[i].Typed;
        }
        return null;
    }

    /// <summary>The tokens of the text, each with what was typed for it: a leading minus is a NOT of its own.</summary>
    static List<(string Token, string Typed)> Read(string text)
    {
        var tokens = new List<(string, string)>();
        foreach (Match match in Tokens().Matches(text))
        {
            var t = match.Value;
            if (t.StartsWith('-'))
            {
                tokens.Add(("NOT", t));
                if (t.Length > 1) tokens.Add((t[1..], t));
            }
            else tokens.Add((t, t));
        }
        return tokens;
    }

    public static string ToFts5(string text)
    {
        var result = new StringBuilder();
        foreach (var (t, _) in Read(text))
        {
            if (result.Length > 0) result.Append(' ');
            if (t.StartsWith('"') || t is "(" or ")" or "AND" or "OR" or "NOT" || Word().IsMatch(t))
                result.Append(t);
            else
            {
                var prefix = t.EndsWith('*');
                result.Append('"').Append(t.TrimEnd('*')).Append('"').Append(prefix ? "*" : "");
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// The expression the index is searched with (MATCH): <see cref="ToFts5"/>'s, each of its phrases
    /// looked for in the text columns only, and each plain word also by its forms in the stem columns
    /// (see WordForms): parliament is ({texts}: parliament OR {stems}: ("en0parliament"* OR ...)). A
    /// quoted phrase and a prefix* are looked for as they are. Phrases that stood side by side (an
    /// implicit AND, which FTS5 binds tighter than NOT, AND and OR) are joined by an AND in parentheses
    /// of their own: FTS5 reads no implicit AND between parenthesized groups. A search with NEAR is
    /// looked for in the text columns as it is.
    /// </summary>
    public static string ToMatch(string text)
    {
        var tokens = Read(text).Select(t => t.Token).ToList();
        if (tokens.Contains("NEAR")) return $"{WordForms.Exact}: ({ToFts5(text)})";
        var result = new StringBuilder();
        for (var i = 0; i < tokens.Count;)
        {
            var t = tokens[i];
            if (result.Length > 0) result.Append(' ');
            if (t is "(" or ")" or "AND" or "OR" or "NOT")
            {
                result.Append(t);
                i++;
                continue;
            }
            var run = new List<string>();
            for (; i < tokens.Count && tokens[i] is not ("(" or ")" or "AND" or "OR" or "NOT"); i++) run.Add(Operand(tokens[i]));
            result.Append(run.Count == 1 ? run[0] : "(" + string.Join(" AND ", run) + ")");
        }
        return result.ToString();
    }

    /// <summary>A phrase of the search (a token of <see cref="Read"/> that is no operator) as ToMatch looks for it.</summary>
    static string Operand(string t)
    {
        if (t.StartsWith('"')) return $"{WordForms.Exact}: {t}";
        if (Word().IsMatch(t)) return t.EndsWith('*') ? $"{WordForms.Exact}: {t}" : WordForms.Match(t);
        var prefix = t.EndsWith('*');
        return $"{WordForms.Exact}: \"{t.TrimEnd('*')}\"" + (prefix ? "*" : "");
    }

    /// <summary>The search looked for in the text columns only, as ToFts5 writes it: the phrases and words themselves, no other forms.</summary>
    public static string ToExactMatch(string text) => $"{WordForms.Exact}: ({ToFts5(text)})";

    [GeneratedRegex("\"[^\"]*\"|[()]|[^\\s()\"]+")]
    private static partial Regex Tokens();

    [GeneratedRegex(@"^[\p{L}\p{N}_]+\*?$")]
    private static partial Regex Word();
}
