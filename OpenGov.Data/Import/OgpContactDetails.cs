using System.Text.RegularExpressions;

namespace OpenGov.Data.Import;

/// <summary>
/// Finds the e-mail addresses and phone numbers that OGP's institution cells hold beside the names of
/// the people to contact ("BIRN Serbia, Tanja Maksić (011-40-30-319, tanja.maksic@birn.eu.com)"), so
/// that the import removes them before the cell is split into institutions: an institution's name is
/// published, quoted and searched, and a person's address or number is not the institution's name.
/// </summary>
public static partial class OgpContactDetails
{
    /// <summary>What was removed from a cell: how many addresses and numbers, and how many of its entries held nothing else.</summary>
    public readonly record struct Removed(int Emails, int Phones, int EntriesDropped, string Redacted)
    {
        public bool Any => Emails + Phones > 0;
    }

    /// <summary>
    /// The cell without its e-mail addresses and phone numbers (and the labels before them, "email:",
    /// "tel."): each becomes a separator, a bracket left holding nothing but separators goes, and the
    /// splitting that follows drops an entry left without a letter. <see cref="Removed.Redacted"/> is the cell
    /// with each one shown as [e-mail] or [phone], for the import's summary, which must not repeat them.
    /// </summary>
    public static (string Cell, Removed Removed) Remove(string cell)
    {
        int emails = 0, phones = 0;
        var redacted = Contact().Replace(cell, m => IsYears(m) ? m.Value : m.Groups["email"].Success ? "[e-mail]" : "[phone]");
        var marked = Contact().Replace(cell, m =>
        {
            if (IsYears(m)) return m.Value;
            if (m.Groups["email"].Success) emails++;
            else phones++;
            return Mark;
        });
        if (emails + phones == 0) return (cell, new(0, 0, 0, cell));
        var dropped = Entries().Split(marked).Count(e => e.Contains(Mark, StringComparison.Ordinal) && !e.Any(char.IsLetter));
        var text = EmptyBrackets().Replace(marked, "");
        text = Separators().Replace(text, m => Strongest(m.Value));
        // "Mr. Myktar Tagaev (0773 769329, oshresearch@mail.ru)." leaves no space before its full stop.
        text = SpaceBeforePunctuation().Replace(text, "");
        return (text, new(emails, phones, dropped, redacted));
    }

    /// <summary>Years, not a number to call: "2014-2016 2017-2019", a run of digits made only of years (no label before it).</summary>
    static bool IsYears(Match m) =>
        !m.Groups["email"].Success && m.Value.Length > 0 && char.IsDigit(m.Value[0])
        && Digits().Matches(m.Value).All(d => d.Length == 4 && d.Value[0] is '1' or '2' && int.Parse(d.Value, System.Globalization.CultureInfo.InvariantCulture) is >= 1900 and <= 2100);

    [GeneratedRegex(@"\d+")] private static partial Regex Digits();

    // Stands for a removed address or number until the separators around it are tidied.
    const string Mark = "\u0001";

    /// <summary>The separator a removed run stands for: a line break, ';', ',', '/' where it held one (in that order), else a space.</summary>
    static string Strongest(string run) =>
        run.Contains('\n') ? "\n" : run.Contains(';') ? "; " : run.Contains(',') ? ", " : run.Contains('/') ? " / " : " ";

    // An e-mail address, also written with © or (at) for @ (both seen in OGP's export), or a phone
    // number: one that starts with + or 0 and has at least 7 more digits, one of 9 digits or more, or
    // any run of digits after a label (tel, phone, mob, fax). Digits may be grouped by spaces, hyphens,
    // dots, slashes, brackets or an apostrophe ("0803702'1491"). Years ("2016-2018") have too few digits,
    // and start neither with + nor with 0.
    [GeneratedRegex("""
        (?:\b(?:e-?mail|tel|telephone|phone|mob|mobile|cell|fax)\b\.?\s*:?\s*)?
        (?:
            (?<email>[\w.%+-]+\s?(?:@|©|\(at\)|\[at\])\s?[\w-]+(?:\.[\w-]+)*\.\p{L}{2,})
          | (?<![\w+])(?:\+\s?\d(?:[\s\-./()']{0,2}\d){7,}
          | 0\d(?:[\s\-./']{0,2}\d){6,}
          | \d(?:[\s\-.]?\d){8,})(?![\w@])
          | (?<=\b(?:tel|telephone|phone|mob|mobile|cell|fax)\b\.?\s*:?\s*)\+?\d(?:[\s\-./()']{0,2}\d){4,}
        )
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase)]
    private static partial Regex Contact();

    // A bracket that holds nothing but removed details and separators: "(0773 769329, oshresearch@mail.ru)",
    // also one left open at the end of a line.
    [GeneratedRegex(@"[(\[][\s,;:/\-–—\u0001]*\u0001[\s,;:/\-–—\u0001]*(?:[)\]]|(?=\n)|$)")]
    private static partial Regex EmptyBrackets();

    // A run of separators around a removed detail.
    [GeneratedRegex(@"[ \t,;:/\-–—]*\u0001[\s,;:/\-–—\u0001]*")]
    private static partial Regex Separators();

    [GeneratedRegex(@"[ \t]+(?=[.,;:)\]])")]
    private static partial Regex SpaceBeforePunctuation();

    // What separates a cell's entries before any other rule: a line break, ';' or a bullet.
    [GeneratedRegex(@"[\n;•●▪\uf06c\uf0b7]")]
    private static partial Regex Entries();
}
