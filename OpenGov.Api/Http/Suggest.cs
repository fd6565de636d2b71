namespace OpenGov.Api.Http;

/// <summary>The known name nearest to a mistyped one, for "did you mean" hints.</summary>
internal static class Suggest
{
    public static string Nearest(string typed, IEnumerable<string> known) =>
        known.MinBy(k => Distance(typed.ToLowerInvariant(), k)) ?? "";

    /// <summary>
    /// " Did you mean 'x'?" where a known name is a plausible typo of the typed one (at most half its
    /// letters changed), else nothing: suggesting 'id' for 'titel' would only mislead.
    /// </summary>
    public static string DidYouMean(string typed, IEnumerable<string> known)
    {
        var nearest = Nearest(typed, known);
        return nearest.Length > 0 && Distance(typed.ToLowerInvariant(), nearest) <= Math.Max(2, typed.Length / 2)
            ? $" Did you mean '{nearest}'?"
            : "";
    }

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
