namespace OpenGov.Data.Import;

/// <summary>
/// Splits the export's "Lead Institution" and "Supporting Institution(s)" text into institution names.
/// The text is free-form (lists with ';', '•', commas, numbered lists, sentences), so a split is
/// made only where it cannot cut a name in two; otherwise the text stays one institution.
/// </summary>
public static class OgpInstitutions
{
    static readonly HashSet<string> None = new(StringComparer.OrdinalIgnoreCase) { "", "NA", "N/A", "ND", "NR", "None", "Unclear", "-" };

    // A piece like these after a comma belongs to the name before it ("Acme, Inc.").
    static readonly HashSet<string> Suffixes = new(StringComparer.OrdinalIgnoreCase) { "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "S.A.", "Jr.", "etc", "etc." };

    public static IReadOnlyList<string> Split(string? cell)
    {
        if (cell is null || None.Contains(cell.Trim())) return [];
        var names = new List<string>();
        foreach (var part in cell.Split([';', '•'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            names.AddRange(SplitOnCommas(part));
        return names.Where(n => !None.Contains(n)).ToList();
    }

    /// <summary>
    /// Commas split a list only when every piece looks like a name on its own: commas outside
    /// parentheses, every piece starting with a capital (or caseless) letter or a digit, none longer
    /// than 12 words, and none a suffix like "Inc." or "etc.". Otherwise the part stays whole.
    /// </summary>
    static IEnumerable<string> SplitOnCommas(string part)
    {
        var pieces = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < part.Length; i++)
        {
            depth += part[i] switch { '(' => 1, ')' => depth > 0 ? -1 : 0, _ => 0 };
            if (part[i] == ',' && depth == 0)
            {
                pieces.Add(part[start..i].Trim());
                start = i + 1;
            }
        }
        pieces.Add(part[start..].Trim());
        pieces.RemoveAll(p => p.Length == 0);
        var safe = pieces.Count > 1 && pieces.All(p =>
            !char.IsLower(p[0]) && (char.IsLetter(p[0]) || char.IsDigit(p[0]))
            && p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 12
            && !Suffixes.Contains(p));
        return safe ? pieces : [part];
    }
}
