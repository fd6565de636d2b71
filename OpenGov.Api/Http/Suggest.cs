namespace OpenGov.Api.Http;

/// <summary>The known name nearest to a mistyped one, for "did you mean" hints.</summary>
internal static class Suggest
{
    public static string Nearest(string typed, IEnumerable<string> known) =>
        known.MinBy(k => Distance(typed.ToLowerInvariant(), k)) ?? "";

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
