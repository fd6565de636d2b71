using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OpenGov.Data.Model;

namespace OpenGov.Data.Import;

/// <summary>How the export writes values: its sentinels, its scales' spellings, its dates, and slugs of its names.</summary>
public static partial class OgpValues
{
    /// <summary>The reason a cell holds no value: ND, NR, NA / "Not Applicable", or nothing at all.</summary>
    // Compared in place, not as an upper-cased copy: every text cell is asked, and most are long texts.
    // OrdinalIgnoreCase compares as upper-casing both with the invariant culture would.
    public static MissingReason? Missing(string cell)
    {
        var text = cell.AsSpan().Trim();
        if (text.IsEmpty) return MissingReason.Blank;
        if (text.Length > "NOT APPLICABLE".Length) return null;
        if (Is(text, "ND")) return MissingReason.NoData;
        if (Is(text, "NR")) return MissingReason.NotReviewed;
        if (Is(text, "NA") || Is(text, "N/A") || Is(text, "NOT APPLICABLE")) return MissingReason.NotApplicable;
        return null;
    }

    static bool Is(ReadOnlySpan<char> text, string sentinel) => text.Equals(sentinel, StringComparison.OrdinalIgnoreCase);

    /// <summary>A text cell as stored: null where it is blank or a bare sentinel (NA, ND, NR).</summary>
    public static string? Text(string? cell, bool trim = true)
    {
        if (cell is null || Missing(cell) is not null) return null;
        return trim ? cell.Trim() : cell;
    }

    /// <summary>
    /// A title or name as stored: as <see cref="Text"/>, with every run of whitespace (line breaks of a
    /// text wrapped as in a PDF, doubled spaces, tabs, no-break spaces) one space: a title is quoted on
    /// one line, and two spellings that differ only in spaces are one name.
    /// </summary>
    public static string? Name(string? cell)
    {
        var text = Text(cell);
        return text is null || !NeedsCollapsing(text) ? text : Whitespace().Replace(text, " ");
    }

    // Most names have no whitespace but single spaces: they are returned as they are, without a regular expression.
    static bool NeedsCollapsing(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))) return true;
        return false;
    }

    // The export's spelling of each scale value, by the snake_case name the schema stores.
    static Dictionary<string, string> Scale(params string[] pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < pairs.Length; i += 2) map[pairs[i]] = pairs[i + 1];
        return map;
    }

    static readonly Dictionary<string, string> DiogSpellings = Scale(
        "Worsens", "worsened", "Worsened", "worsened", "Did Not Change", "did_not_change", "Marginal", "marginal",
        "Major", "major", "Outstanding", "outstanding", "No early results to report yet", "no_early_results_yet");

    public static readonly IReadOnlyDictionary<string, Dictionary<string, string>> Scales = new Dictionary<string, Dictionary<string, string>>
    {
        ["specificity"] = Scale("None", "none", "Low", "low", "Medium", "medium", "High", "high"),
        ["verifiable"] = Scale("Yes", "yes", "No", "no"),
        ["potential_impact"] = Scale("None", "none", "Minor", "minor", "Moderate", "moderate", "Transformative", "transformative"),
        ["potential_for_results"] = Scale("Unclear", "unclear", "Modest", "modest", "Substantial", "substantial"),
        ["completion"] = Scale("Not Started", "not_started", "Limited", "limited", "Substantial", "substantial", "Complete", "complete",
            "Withdrawn", "withdrawn", "Unclear", "unclear", "No Evidence", "no_evidence", "No Evidence Available", "no_evidence"),
        ["early_results"] = Scale("No notable results", "no_notable_results", "Moderate", "moderate", "Significant", "significant",
            "Worsens", "worsened", "Worsened", "worsened", "Did Not Change", "did_not_change", "Marginal", "marginal", "Major", "major", "Outstanding", "outstanding"),
        ["diog"] = DiogSpellings,
        ["diog_access_to_information"] = DiogSpellings,
        ["diog_civic_participation"] = DiogSpellings,
        ["diog_public_accountability"] = DiogSpellings,
        ["diog_technology_and_innovation"] = DiogSpellings,
        // Flags: stored as 0/1 integers.
        ["starred"] = Scale("0", "0", "1", "1"),
        ["carried_forward"] = Scale("0", "0", "1", "1"),
    };

    public sealed record ParsedDate(string? Iso, string? Raw, string? WarningKind);

    static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    /// <summary>
    /// The start and end date of one row, ISO 8601 at the precision written. Both are read together
    /// because a row that writes one date day-first (31/12/2014) makes its other d/m date ambiguous.
    /// </summary>
    public static (ParsedDate Start, ParsedDate End) Dates(string? start, string? end)
    {
        var dayFirstRow = IsDayFirst(start) || IsDayFirst(end);
        return (Date(start, dayFirstRow), Date(end, dayFirstRow));
    }

    static bool IsDayFirst(string? cell) =>
        cell is not null && SlashDate().Match(cell.Trim()) is { Success: true } m
        && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) > 12 && int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) <= 12;

    static ParsedDate Date(string? cell, bool dayFirstRow)
    {
        if (cell is null || Missing(cell) is not null) return new(null, null, null);
        var text = cell.Trim();
        if (YearOnly().IsMatch(text))
            return InRange(int.Parse(text, CultureInfo.InvariantCulture), text, text);
        if (MonthYear().Match(text) is { Success: true } my)
        {
            var month = Array.FindIndex(Months, m => m.Equals(my.Groups[1].Value, StringComparison.OrdinalIgnoreCase)
                || (my.Groups[1].Value.Length == 3 && m.StartsWith(my.Groups[1].Value, StringComparison.OrdinalIgnoreCase)));
            var year = int.Parse(my.Groups[2].Value, CultureInfo.InvariantCulture);
            if (month >= 0) return InRange(year, $"{year:D4}-{month + 1:D2}", text);
        }
        if (SlashDate().Match(text) is { Success: true } sd)
        {
            int a = int.Parse(sd.Groups[1].Value, CultureInfo.InvariantCulture), b = int.Parse(sd.Groups[2].Value, CultureInfo.InvariantCulture);
            var yearText = sd.Groups[3].Value;
            var year = int.Parse(yearText, CultureInfo.InvariantCulture) + (yearText.Length == 2 ? 2000 : 0);
            string? kind = null;
            int month = a, day = b;
            if (a > 12 && b <= 12) (month, day, kind) = (b, a, "date_day_first");
            else if (dayFirstRow && a != b) return new(null, text, "date_ambiguous_order");
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month))
                return new(null, text, "date_unparsed");
            var parsed = InRange(year, $"{year:D4}-{month:D2}-{day:D2}", text);
            return parsed.WarningKind is null ? parsed with { WarningKind = kind } : parsed;
        }
        // Spreadsheet serial numbers (days since 1899-12-30), accepted only in 1990-2099 so a stray number is not read as a date.
        if (Serial().IsMatch(text) && int.Parse(text, CultureInfo.InvariantCulture) is >= 32874 and <= 73050 and var serial)
            return new(DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, "date_spreadsheet_serial");
        return new(null, text, "date_unparsed");
    }

    // OGP started in 2011: a year outside 1990-2100 is a spreadsheet artefact (7/15/1905 is the number 2023 shown as a date).
    static ParsedDate InRange(int year, string iso, string text) =>
        year is >= 1990 and <= 2100 ? new(iso, null, null) : new(null, text, "date_out_of_range");

    /// <summary>
    /// A commitment number as the publisher meant it: spreadsheets wrote 4.1 as 4.0999999999999996;
    /// such a number becomes the shortest decimal that is the same double. Anything else stays as written.
    /// </summary>
    public static (string? Number, bool Repaired) CommitmentNumber(string? cell)
    {
        var text = Text(cell);
        if (text is null || !FloatArtefact().IsMatch(text)) return (text, false);
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return (value.ToString("R", CultureInfo.InvariantCulture), true);
    }

    /// <summary>
    /// A URL-safe id from a name: lowercase, accents folded to ASCII, other characters to '-'.
    /// Names in scripts with no ASCII folding keep their letters; very long names are cut and
    /// suffixed with a hash so that two names never share an id by accident.
    /// </summary>
    public static string Slug(string name)
    {
        var folded = new StringBuilder(name.Length);
        foreach (var ch in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(char.ToLowerInvariant(ch) switch { 'ł' => "l", 'đ' => "d", 'ø' => "o", 'æ' => "ae", 'œ' => "oe", 'ß' => "ss", 'ı' => "i", var c => c.ToString() });
        }
        var slug = NonAscii().Replace(folded.ToString(), "-").Trim('-');
        if (slug.Length == 0) slug = NonWord().Replace(name.Normalize(NormalizationForm.FormC).ToLowerInvariant(), "-").Trim('-');
        if (slug.Length <= 80) return slug;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return slug[..80].TrimEnd('-') + "-" + hash;
    }

    [GeneratedRegex(@"\s+")] private static partial Regex Whitespace();
    [GeneratedRegex(@"^\d{4}$")] private static partial Regex YearOnly();
    [GeneratedRegex(@"^([A-Za-z]+)\.?\s+(\d{4})$")] private static partial Regex MonthYear();
    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")] private static partial Regex SlashDate();
    [GeneratedRegex(@"^\d{5}$")] private static partial Regex Serial();
    [GeneratedRegex(@"^\d+\.\d{12,}$")] private static partial Regex FloatArtefact();
    [GeneratedRegex(@"[^a-z0-9]+")] private static partial Regex NonAscii();
    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")] private static partial Regex NonWord();
}
