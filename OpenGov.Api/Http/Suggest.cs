namespace OpenGov.Api.Http;

/// <summary>The known name nearest to a mistyped one, for "did you mean" hints.</summary>
internal static class Suggest
{
    public static string Nearest(string typed, IEnumerable<string> known) =>
        known.MinBy(k => Distance(typed.ToLowerInvariant(), k)) ?? "";

    /// <summary>
    /// " Did you mean 'x'?" for the name people meant: first the names other APIs use for the same
    /// thing (search for q, country_code for country), then the same words in another order or
    /// abbreviated (end_of_term_completion, completion_eot for completion_end_of_term), then a
    /// plausible typo (at most half the letters changed); else nothing: suggesting 'id' for 'titel'
    /// would only mislead. Page numbers get an explanation of cursors instead.
    /// </summary>
    public static string DidYouMean(string typed, IEnumerable<string> known)
    {
        var names = known as IReadOnlyCollection<string> ?? known.ToList();
        var lower = typed.ToLowerInvariant();
        if (PageWords.Contains(lower) && names.Contains("cursor"))
            return " This API pages by cursor, not by page number or offset: follow links.next (also the Link header), "
                + "or pass meta.next_cursor as cursor=, with the same other parameters.";
        if (Synonyms.TryGetValue(lower, out var synonym) && names.Contains(synonym)) return $" Did you mean '{synonym}'?";
        if (SameWords(lower, names) is { } reordered) return $" Did you mean '{reordered}'?";
        var nearest = Nearest(typed, names);
        return nearest.Length > 0 && Distance(lower, nearest) <= Math.Max(2, typed.Length / 2)
            ? $" Did you mean '{nearest}'?"
            : "";
    }

    /// <summary>What other APIs call our parameters.</summary>
    static readonly Dictionary<string, string> Synonyms = new()
    {
        ["search"] = "q", ["query"] = "q", ["text"] = "q", ["keyword"] = "q", ["keywords"] = "q", ["term"] = "q", ["s"] = "q",
        ["country_code"] = "country", ["iso"] = "country", ["iso3"] = "country", ["country_iso"] = "country",
        ["per_page"] = "limit", ["page_size"] = "limit", ["pagesize"] = "limit", ["size"] = "limit", ["count"] = "limit", ["max"] = "limit",
        ["order"] = "sort", ["order_by"] = "sort", ["orderby"] = "sort", ["sort_by"] = "sort", ["sortby"] = "sort",
        ["language"] = "lang", ["locale"] = "lang", ["select"] = "fields", ["include"] = "fields", ["facet"] = "facets",
        ["plan"] = "action_plan", ["action_plan_id"] = "action_plan", ["member_id"] = "member", ["commitment_id"] = "commitment",
        ["institution_id"] = "institution", ["policy_area_id"] = "policy_area", ["theme"] = "policy_area",
    };

    static readonly HashSet<string> PageWords = ["page", "offset", "skip", "start", "page_number", "pagenumber", "from"];

    /// <summary>Words written short: the long form the names use.</summary>
    static readonly Dictionary<string, string[]> Abbreviations = new()
    {
        ["eot"] = ["end", "of", "term"], ["endofterm"] = ["end", "of", "term"], ["mid"] = ["midterm"], ["mtr"] = ["midterm"],
    };

    /// <summary>The known name with the same words as <paramref name="typed"/> in another order (after the same operator suffix), if one.</summary>
    static string? SameWords(string typed, IReadOnlyCollection<string> known)
    {
        var (stem, suffix) = SplitOperator(typed);
        var words = Words(stem);
        foreach (var name in known)
        {
            var (knownStem, knownSuffix) = SplitOperator(name);
            if (knownSuffix == suffix && knownStem != stem && Words(knownStem).SequenceEqual(words)) return name;
        }
        return null;
    }

    static (string Stem, string Suffix) SplitOperator(string name) =>
        name.IndexOf("__", StringComparison.Ordinal) is var at and > 0 ? (name[..at], name[at..]) : (name, "");

    static List<string> Words(string stem) =>
        stem.Split(['_', '-', ' ', '.'], StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(w => Abbreviations.GetValueOrDefault(w, [w])).Order(StringComparer.Ordinal).ToList();

    /// <summary>Levenshtein distance: the fewest single-character edits from one string to the other.</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
