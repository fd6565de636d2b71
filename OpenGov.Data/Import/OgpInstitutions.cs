using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenGov.Data.Import;

/// <summary>
/// Splits the export's "Lead Institution" and "Supporting Institution(s)" text into institution names.
/// The text is free-form (lists with ';', '•', commas, numbered lists on lines or in a sentence,
/// headings such as "Government:", lines wrapped as in a PDF), so each step splits only on a sign it
/// can prove is a list: a bullet, a numbering that runs 1, 2, 3, a line break that is not a wrap, a
/// comma between pieces that all look like names. Otherwise the text stays one institution.
/// What each step did is reported, so the import summary counts it.
/// </summary>
public static partial class OgpInstitutions
{
    static readonly HashSet<string> None = new(StringComparer.OrdinalIgnoreCase) { "", "NA", "N/A", "ND", "NR", "None", "Unclear", "-", "0", "TBC", "TBD" };

    // A piece like these after a comma belongs to the name before it ("Acme, Inc.").
    static readonly HashSet<string> Suffixes = new(StringComparer.OrdinalIgnoreCase) { "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "S.A.", "Jr.", "etc", "etc.", "GmbH" };

    // A line that ends with one of these words was wrapped, not ended ("National Agency of\nInformation Society").
    static readonly HashSet<string> Connectors = new(StringComparer.OrdinalIgnoreCase)
        { "of", "the", "and", "for", "on", "in", "to", "a", "de", "la", "del", "el", "los", "las", "y", "et", "des", "du", "da", "do", "dos", "e" };

    /// <summary>What a split changed, for the import's report: the kind (a warning kind) and the text it changed.</summary>
    public readonly record struct Change(string Kind, string Text);

    /// <summary>The institution names in a cell, cleaned, each once, in the order written.</summary>
    public static IReadOnlyList<string> Split(string? cell) => Split(cell, null);

    public static IReadOnlyList<string> Split(string? cell, List<Change>? changes)
    {
        if (cell is null || None.Contains(cell.Trim())) return [];
        // Contact details first: what the other rules see, split and report is the cell without them.
        var (withoutContacts, removed) = OgpContactDetails.Remove(cell);
        if (removed.Any)
        {
            cell = withoutContacts;
            for (var i = 0; i < removed.Emails; i++) changes?.Add(new("institution_email_removed", removed.Redacted));
            for (var i = 0; i < removed.Phones; i++) changes?.Add(new("institution_phone_removed", removed.Redacted));
            for (var i = 0; i < removed.EntriesDropped; i++) changes?.Add(new("institution_contact_only_dropped", removed.Redacted));
        }
        var names = new List<string>();
        var lines = Lines(cell);
        if (lines.Count > 1) changes?.Add(new("institution_lines_split", cell));
        foreach (var line in lines.Select(l => TemplateHeading().Replace(l, ";")))
            foreach (var part in OutsideBrackets(JoinedNamesSeparated(line, changes), [';', '•', '●', '\uf06c', '\uf0b7', '▪']))
            {
                var numbered = NumberedItems(part);
                if (numbered.Count > 1) changes?.Add(new("institution_numbered_list_split", part));
                foreach (var item in numbered)
                {
                    var unmarked = WithoutMarker(item);
                    if (unmarked.Length != item.Length) changes?.Add(new("institution_numbering_removed", item));
                    var text = Heading().Replace(unmarked, "");
                    if (text.Length != unmarked.Length) changes?.Add(new("institution_heading_removed", unmarked));
                    foreach (var piece in SplitOnCommas(text).SelectMany(p => TwoAcronyms().Match(p) is { Success: true } two ? [two.Groups["a"].Value, two.Groups["b"].Value] : new[] { p }))
                    {
                        var name = Tidy(WithoutMarker(piece));
                        // No letter, no name: a page number of the PDF the text was copied from ("41").
                        if (None.Contains(name) || !name.Any(char.IsLetter) || names.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                        if (name != piece) changes?.Add(new("institution_name_tidied", piece));
                        names.Add(name);
                    }
                }
            }
        return names;
    }

    /// <summary>
    /// Names written one after the other with no list sign between them, where what stands between
    /// them proves that one ends and the next begins: a remark in brackets of the kind that closes a
    /// name ("(by agreement)", "(upon consent)": the cells that write them, write one after each name),
    /// a bracketed acronym, or a full stop after a word of four letters or more, followed by a capital
    /// ("Presidential Communications Operations Office (PCOO) Senate of the Philippines", "Standards
    /// in Public Office Commission (SIPO). Transparency International Ireland"). Each becomes a ';'.
    /// </summary>
    static string JoinedNamesSeparated(string line, List<Change>? changes)
    {
        var separated = SentenceEnd().Replace(AcronymThenName().Replace(RemarkThenName().Replace(line, ";"), ";"), ";");
        if (separated != line) changes?.Add(new("institution_joined_names_split", line));
        return separated;
    }

    /// <summary>The text split at each of <paramref name="signs"/> that stands outside brackets ("Ministry of Finance (Secretary to Treasury; Debt and Aid Division)" is one).</summary>
    static List<string> OutsideBrackets(string text, char[] signs)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' or '[' => 1, ')' or ']' => depth > 0 ? -1 : 0, _ => 0 };
            if (depth == 0 && signs.Contains(text[i]))
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        // A bracket never closed proves nothing about where names end: every sign separates.
        if (depth != 0) parts = [.. text.Split(signs)];
        return parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
    }

    /// <summary>
    /// The key two spellings of one institution share: case, accents, a leading "The", spaces,
    /// hyphens, apostrophes and other punctuation ignored ("The Estonian Co-operation Assembly" and
    /// "Estonian Cooperation Assembly" are one).
    /// </summary>
    public static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var ch in name.Normalize(NormalizationForm.FormD))
            if (char.IsLetterOrDigit(ch)) key.Append(char.ToLowerInvariant(ch));
            else if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark && key.Length > 0 && key[^1] != ' ') key.Append(' ');
        var text = key.ToString().Trim();
        return (text.StartsWith("the ", StringComparison.Ordinal) ? text[4..] : text).Replace(" ", "");
    }

    /// <summary>
    /// The cell's lines, where a line break lists and does not wrap: a break followed by a bullet or
    /// a number always lists; in a comma-separated list breaks are wraps; elsewhere a break wraps
    /// when the line ends with a hyphen, a connector ("of", "de") or an open bracket, or the next
    /// line starts in lower case or with a bracket ("(UAIP)").
    /// </summary>
    static List<string> Lines(string cell)
    {
        var untrimmed = cell.ReplaceLineEndings("\n").Split('\n').Where(l => l.Trim().Length > 0).ToList();
        var raw = untrimmed.Select(l => l.Trim()).ToArray();
        var lines = new List<string>();
        var commaList = cell.Count(c => c == ',') >= raw.Length;
        // A list whose items are marked ("- Dirección General de Digitalización\n  Legislativa"): a line
        // without a mark after a marked one goes on with that item.
        var markedList = raw.Count(l => Marker().IsMatch(l)) >= 2;
        var previousMarked = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var line = raw[i];
            var marked = Marker().IsMatch(line);
            // Indented by two spaces or more under a line: a wrap ("Comisión Especial de Parlamento\n  Abierto").
            var indented = i > 0 && untrimmed[i].StartsWith("  ", StringComparison.Ordinal);
            var continues = lines.Count > 0 && !marked && !line.EndsWith(':') && ((markedList && previousMarked) || indented);
            if (!continues) previousMarked = marked;
            if (lines.Count == 0 || (marked && !continues)) { lines.Add(line); continue; }
            var previous = lines[^1];
            var lastWord = previous[(previous.LastIndexOf(' ') + 1)..];
            if (previous.EndsWith('-') && !previous.EndsWith(" -", StringComparison.Ordinal)) lines[^1] = previous[..^1] + line;
            else if (continues || commaList || Connectors.Contains(lastWord) || previous.EndsWith('(') || previous.EndsWith(',') || char.IsLower(line[0]) || line[0] == '('
                || (!previous.EndsWith('.') && HeadNounAlone().IsMatch(line)))
                lines[^1] = previous + " " + line;
            else lines.Add(line);
        }
        return lines;
    }

    /// <summary>
    /// "1. Ministry of Finance, 2. Central Bank 3. Audit Office" written on one line: split at each
    /// number, only where the numbers run 1, 2, 3 (or a, b, c), a list starting again at 1 after a
    /// heading, or at 2 after an unnumbered first item.
    /// </summary>
    static List<string> NumberedItems(string part)
    {
        var numbers = InlineNumber().Matches(part);
        if (numbers.Count < 2) return [part];
        var labels = numbers.Select(m => m.Groups["n"].Value).ToList();
        var letters = labels.All(l => l.Length == 1 && char.IsAsciiLetterLower(l[0]));
        var values = labels.Select(l => letters ? l[0] - 'a' + 1 : int.TryParse(l, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
        var runs = (values[0] == 1 || (values[0] == 2 && numbers[0].Index > 0))
            && values.Skip(1).Select((v, i) => v == values[i] + 1 || v == 1).All(x => x);
        if (!runs) return [part];
        var items = new List<string> { part[..numbers[0].Index] };
        for (var i = 0; i < numbers.Count; i++)
        {
            var end = i + 1 < numbers.Count ? numbers[i + 1].Index : part.Length;
            items.Add(part[(numbers[i].Index + numbers[i].Length)..end]);
        }
        return items.Select(s => s.Trim().TrimEnd(',', ';').Trim()).Where(s => s.Length > 0).ToList();
    }

    static string WithoutMarker(string text)
    {
        string before;
        do { before = text; text = Marker().Replace(text, "", 1).Trim(); } while (text != before);
        return text;
    }

    /// <summary>
    /// Commas split a list only when every piece looks like a name on its own: commas outside
    /// brackets, every piece (after a leading "and") starting with a capital (or caseless) letter or
    /// a digit, none longer than 12 words, and none a suffix like "Inc." or "etc.". Otherwise the
    /// part stays whole.
    /// </summary>
    static IEnumerable<string> SplitOnCommas(string part)
    {
        var pieces = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < part.Length; i++)
        {
            depth += part[i] switch { '(' or '[' => 1, ')' or ']' => depth > 0 ? -1 : 0, _ => 0 };
            if (part[i] == ',' && depth == 0)
            {
                pieces.Add(part[start..i].Trim());
                start = i + 1;
            }
        }
        pieces.Add(part[start..].Trim());
        // "Information Technology, Post, and Telecommunications Authority": short pieces that name no
        // body before a last one, after "and", that does: one name, its last word the body's.
        if (pieces.Count >= 3 && LeadingAnd().IsMatch(pieces[^1]) && Body().IsMatch(pieces[^1])
            && pieces.SkipLast(1).All(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3 && !Body().IsMatch(p) && !Acronym().IsMatch(p)))
            return [part];
        pieces = pieces.Select(p => LeadingAnd().Replace(p, "")).Where(p => p.Length > 0).ToList();
        if (pieces.Any(Suffixes.Contains)) return [part];
        // "Ministry of Finance, Budget and National Planning": a ministry of several portfolios. A
        // piece after a ministry's name that names no body of its own (no word such as Agency or
        // Council, no acronym) is one of its portfolios, not an institution.
        for (var i = 1; i < pieces.Count; i++)
            if (Ministry().IsMatch(pieces[i - 1]) && IsPortfolio(pieces[i]))
            {
                pieces[i - 1] += ", " + pieces[i];
                pieces.RemoveAt(i--);
            }
        var safe = pieces.Count > 1 && pieces.Select((p, i) => LooksLikeAName(p, last: i == pieces.Count - 1 && pieces.Count >= 3)).All(x => x);
        return safe ? pieces : [part];
    }

    /// <summary>
    /// A piece after a ministry's name that is one of its portfolios: it names no body of its own (no
    /// acronym, no word such as Agency or Council outside brackets), local government and community
    /// being portfolios ("Local Government and Heritage", "Building and Community"; not "Community of Municipalities").
    /// </summary>
    static bool IsPortfolio(string piece)
    {
        // What a bracket adds names the ministry's unit, not a body of the piece's own ("(e-Government unit)").
        var text = Bracketed().Replace(piece, "");
        return !Acronym().IsMatch(text) && !Body().IsMatch(Portfolios().Replace(text, ""));
    }

    [GeneratedRegex(@"\([^()]*\)")] private static partial Regex Bracketed();

    [GeneratedRegex(@"\b(?:local\s+government|community(?!\s+of))\b", RegexOptions.IgnoreCase)] private static partial Regex Portfolios();

    /// <summary>
    /// A piece of a comma list that can stand alone: it starts with a capital (or caseless) letter,
    /// a digit or a quote, or with a word that has a capital inside ("iCampus"), or it ends a list of
    /// three or more ("..., other NGOs"); at most 12 words.
    /// </summary>
    static bool LooksLikeAName(string piece, bool last) => LooksLikeANameAfterThe(LeadingThe().Replace(piece, ""), last);

    static bool LooksLikeANameAfterThe(string piece, bool last) =>
        (!char.IsLower(piece[0]) || last || InnerCapital().IsMatch(piece.Split(' ')[0]))
        && (char.IsLetter(piece[0]) || char.IsDigit(piece[0]) || piece[0] is '"' or '“' or '\'' or '‘' or '«')
        && piece.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 12;

    /// <summary>One space between words, one kind of hyphen, no trailing comma or full stop (but an abbreviation's), no bracket left open or unopened at an end.</summary>
    static string Tidy(string name)
    {
        name = RemarkAtEnd().Replace(Spaces().Replace(name, " ").Trim(), "");
        name = Dashes().Replace(name, "-").Trim(' ', ',', ';', ':');
        // A full stop ends a sentence, not an abbreviation: "Nova TV d.d." and "Acme Inc." keep theirs.
        var lastWord = name[(name.LastIndexOf(' ') + 1)..];
        if (name.EndsWith('.') && lastWord.Count(c => c == '.') == 1 && !Suffixes.Contains(lastWord)) name = name.TrimEnd('.', ' ', ',', ';', ':');
        name = name.TrimStart('.', ' ');
        if (name.EndsWith(')') && name.Count(c => c == '(') < name.Count(c => c == ')')) name = name[..^1].TrimEnd();
        if (name.StartsWith('(') && name.Count(c => c == '(') > name.Count(c => c == ')')) name = name[1..].TrimStart();
        return name;
    }

    // A list marker at the start: a bullet or dash, "1." "2)" "(3)", "a)" "(b)", "(iv)".
    [GeneratedRegex(@"^\s*(?:[•●\uf06c\uf0b7▪◦·*\-–—]|\(?[0-9]{1,2}[.)]|\(?[a-zA-Z][.)](?=\s)|\([ivx]{1,4}\))\s*")]
    private static partial Regex Marker();

    // "1. " or "(b) " after a space, comma or semicolon, or at the start.
    [GeneratedRegex(@"(?:^|(?<=[\s,;]))\(?(?<n>\d{1,2}|[a-z])[.)]\s+")]
    private static partial Regex InlineNumber();

    // A heading of OGP's template or of a list before a colon: "Government:", "CSOs:", "State actors involved:".
    [GeneratedRegex(@"^(?:(?:government|gobierno|gouvernement|csos?|civil society|sociedad civil|state actors|other|actores|stakeholders|organi[sz]ations|organizaciones|committees|departments|ministries|agencies|private sector|citizens|coordinador|initiator|technical partners|partners|non-governmental|implementing|supporting|lead)\b[\w /,()-]{0,60}?)\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Heading();

    // The headings of OGP's commitment template, copied into the cell with the names under them:
    // wherever they stand, they separate lists.
    [GeneratedRegex(@"\b(?:state actors involved|other actors involved(?:\s*-\s*\w+)?(?:\s*\((?:public|private)\))?|csos,\s*private sector,\s*multilaterals?,?\s*(?:and\s+)?working groups|(?:csos,\s*)?private sector,\s*working groups,\s*multilaterals?\s*(?:etc\.?)?|actores estatales involucrados|otros actores involucrados)(?!\w)\s*:?", RegexOptions.IgnoreCase)]
    private static partial Regex TemplateHeading();

    [GeneratedRegex(@"^(?:the\s+)?(?:\p{Lu}\w+\s+){0,2}(?:ministry|ministries|minister|ministerio|ministère|ministere|ministério|secretar[ií]a|department|departamento)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ministry();

    [GeneratedRegex(@"\b(?:ministry|ministerio|ministère|department|agency|agencia|office|oficina|commission|comisi[oó]n|council|consejo|committee|comit[eé]|authority|autoridad|court|tribunal|parliament|parlamento|assembly|asamblea|senate|senado|chamber|c[aá]mara|bureau|institut\w*|cent(?:re|er|ro)|foundation|fundaci[oó]n|association|asociaci[oó]n|network|red|coalition|alliance|union|bank|banco|service|servicio|secretariat|secretar[ií]a|government|gobierno|municipality|municipalidad|university|universidad|unit|unidad|directorate|direcci[oó]n|inspectorate|fund|fondo|forum|foro|board|group|organi[sz]ation\w*|ngo|society|sociedad|partnership|initiative|iniciativa|program\w*|project|proyecto|platform|plataforma|ombudsman|defensor\w*|treasury|police|polic[ií]a|army|media|radio|television|commissioner|community|entities|administrations|ministries|other|others)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Body();

    [GeneratedRegex(@"\b[A-Z][A-Z0-9&.-]{1,}s?\b")] private static partial Regex Acronym();

    [GeneratedRegex(@"^\p{Ll}+\p{Lu}\w*$")] private static partial Regex InnerCapital();

    // A line that starts with a body's head noun alone, then a comma or its end, ends the name of the
    // line before ("Ministry of Public\nAdministration", "Public Sector Reform\nUnit, Directorate of ...").
    [GeneratedRegex(@"^(?:Unit|Administration|Office|Agency|Commission|Department|Division|Directorate|Authority|Council|Committee|Services?|Secretariat|Bureau)\s*(?:,|$)")]
    private static partial Regex HeadNounAlone();

    // "MoJ & MoF", "CMC and IDSCS": two acronyms joined by "and" or "&" are two bodies.
    [GeneratedRegex(@"^(?<a>[\p{Lu}][\p{L}]*[\p{Lu}][\p{L}]*)\s+(?:and|&)\s+(?<b>[\p{Lu}][\p{L}]*[\p{Lu}][\p{L}]*)$")]
    private static partial Regex TwoAcronyms();

    // A remark that closes a name: "(by agreement)", "(upon their consent)", "(within the normal course ...)".
    const string Remark = @"\((?:by|upon|subject to|within|if|as|to be|pending)\b[^()]*\)";

    // A remark followed by the next name, which starts with a capital (or a quote).
    [GeneratedRegex(Remark + @"\s*,?\s*(?=[\p{Lu}""“«])")] private static partial Regex RemarkThenName();

    // A remark at the end of a name.
    [GeneratedRegex(@"\s*" + Remark + @"$")] private static partial Regex RemarkAtEnd();

    // "(PCOO) Senate": a bracketed acronym, then a capitalised word that starts the next name.
    [GeneratedRegex(@"(?<=\([\p{Lu}\d&./-]{2,12}\))\s+(?=\p{Lu}\p{Ll})")] private static partial Regex AcronymThenName();

    // "Commission (SIPO). Transparency": a full stop after a word of four letters or more, or after a
    // bracket, then a capital: a name ends there. Abbreviations ("Inc.", "St.", "d.d.", "U.S.") are shorter or dotted.
    [GeneratedRegex(@"(?:(?<=(?:^|[\s(])[\p{L}]{4,})|(?<=\)))\.\s+(?=\p{Lu}\p{L})(?<!(?:Corp|Dept|Govt|Assn|Natl|Intl|Prof|Lcdo|Lcda|Licda|Abog|Arch|Hons?)\.\s+)")] private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^(?:and|y|et|e|&)\s+")] private static partial Regex LeadingAnd();
    // "Central Bank, the National Assembly": a "the" before a capital lets the piece stand alone.
    [GeneratedRegex(@"^the\s+(?=\p{Lu})")] private static partial Regex LeadingThe();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();
    [GeneratedRegex("[\u2010\u2011\u2012\u2013\u2014\u2212]")] private static partial Regex Dashes();
}
