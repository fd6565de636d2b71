using System.Text.RegularExpressions;

namespace OpenGov.Tests.Import;

/// <summary>
/// E-mail addresses and phone numbers in a text, as the tests find them, independently of the
/// importer's own patterns: what no institution name served may hold.
/// </summary>
public static partial class ContactDetails
{
    /// <summary>The e-mail addresses (also written with © or "(at)" for @) and phone numbers in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> In(string text) =>
        [.. Email().Matches(text).Select(m => m.Value), .. Phone().Matches(text).Select(m => m.Value).Where(IsPhone)];

    // Seven digits or more, grouped as people write numbers; a run of years ("2016-2018") is no number to call.
    static bool IsPhone(string run)
    {
        var groups = Regex.Matches(run, @"\d+").Select(m => m.Value).ToList();
        return groups.Sum(g => g.Length) >= 7 && !groups.All(g => g.Length == 4 && g[0] is '1' or '2');
    }

    [GeneratedRegex(@"[^\s@©()<>,;]+\s?(?:@|©|\(at\))\s?[^\s@©()<>,;]+\.[A-Za-z]{2,}")] private static partial Regex Email();
    [GeneratedRegex(@"\+?\d(?:[\s\-().']{0,2}\d)+")] private static partial Regex Phone();
}
