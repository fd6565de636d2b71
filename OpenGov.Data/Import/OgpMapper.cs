using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using C = OpenGov.Data.Import.OgpColumns;

namespace OpenGov.Data.Import;

/// <summary>
/// Turns the export's rows into what the database stores, one row at a time and in file order:
/// each row becomes a record (its commitment, links and IRM stages) to be written at once, so memory
/// stays flat however long the file; members, plans, institutions, policy areas and IRM reports are
/// collected from what the rows say about them and written at the end. All checks and warnings
/// happen here, so that a mapper on a thread of its own raises them in the same order as in line.
/// </summary>
internal sealed partial class OgpMapper
{
    readonly ImportReport report;
    readonly Dictionary<string, long> seenIds = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, OgpMember> members = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, OgpPlan> plans = new(StringComparer.OrdinalIgnoreCase);
    // Institutions by the key their spellings share (OgpInstitutions.Key), behind the member's id for
    // a member's own body: "Parliament" of Kenya and of Ghana are two institutions.
    readonly Dictionary<string, OgpInstitution> institutions = new(StringComparer.Ordinal);
    // The id each key had when spellings were merged across members (schema 18 and before): the slug
    // of the key's first spelling in the file. Kept as a former id of each institution it now names.
    readonly Dictionary<string, string> formerIds = new(StringComparer.Ordinal);
    readonly Dictionary<string, OgpInstitution> institutionsById = new(StringComparer.OrdinalIgnoreCase);
    readonly List<OgpInstitutions.Change> institutionChanges = [];
    readonly List<(string Column, string Id)> policyAreas;
    // Slugs of the institution and member names seen so far: the same few thousand names recur on
    // row after row, and a slug costs a Unicode normalisation and a regular expression.
    readonly Dictionary<string, string> slugs = new(StringComparer.Ordinal);
    // Whether a name is an international body's, per name: the list is matched by keys, which cost a
    // Unicode normalisation each, and a large file names the same bodies row after row.
    readonly Dictionary<string, bool> international = new(StringComparer.Ordinal);
    long commitments, ratings, rawRatings, rawDates, rawCells;

    public OgpMapper(IReadOnlyList<string> header, ImportReport report)
    {
        this.report = report;
        policyAreas = C.PolicyAreas.Where(header.Contains).Select(c => (c, OgpValues.Slug(c))).ToList();
    }

    /// <summary>The row as the database stores it; the position (how far into the file the row ends) is passed on for progress.</summary>
    public OgpRecord Map(OgpRow row, long position)
    {
        var id = OgpValues.Text(row[C.Id]) ?? throw new ImportRefusedException($"line {row.Line}: no commitment id in '{C.Id}'.");
        if (!seenIds.TryAdd(id, row.Line))
            throw new ImportRefusedException($"line {row.Line}: commitment id {id} is already on line {seenIds[id]}; ids must be unique.");
        var raw = new List<(string Column, string Text)>();
        var member = Member(row, id, raw);
        var plan = Plan(row, id, member);

        var (number, repaired) = OgpValues.CommitmentNumber(row[C.Number]);
        if (repaired) report.Warn("commitment_number_float_repaired", $"line {row.Line} {id}: \"{row[C.Number]}\" -> {number}");
        var (start, end) = OgpValues.Dates(row[C.StartDate], row[C.EndDate]);
        Warn(start, row, id, C.StartDate);
        Warn(end, row, id, C.EndDate);
        var active = row[C.Active]?.Trim();
        if (active is not null and not "0" and not "1") report.Warn("status_not_0_1", $"line {row.Line} {id}: {C.Active} \"{active}\" (stored as inactive)");
        plan.AnyActive |= active == "1";

        var commitment = new OgpCommitment(id, plan.Id, member.Id, number, Name(row, C.Title, id, raw), Name(row, C.ShortTitle, id, raw),
            OgpValues.Text(row[C.FullText], trim: false), active == "1" ? "active" : "inactive", OgpValues.Text(row[C.Theme]),
            start.Iso, end.Iso, start.Raw, end.Raw, OgpValues.Text(row[C.Url]));
        var (lang, shortLang, fullLang) = LanguageGuess.OfRecord(commitment.Title, commitment.ShortTitle, commitment.FullText);
        commitment = commitment with { Lang = lang, ShortTitleLang = shortLang, FullTextLang = fullLang };
        if (lang != "en") report.Warn($"language_{lang}", $"line {row.Line} {id}: \"{commitment.Title}\"");
        if (commitment.ShortTitle is not null && shortLang != lang) report.Warn("language_short_title_differs", $"line {row.Line} {id}: \"{commitment.ShortTitle}\" ({shortLang})");
        if (commitment.FullText is not null && fullLang != lang) report.Warn("language_full_text_differs", $"line {row.Line} {id}: {fullLang} under a title in {lang}");
        commitments++;
        rawDates += (start.Raw is null ? 0 : 1) + (end.Raw is null ? 0 : 1);

        var links = new List<OgpInstitutionLink>();
        Link(links, "lead", C.Lead, row, id, member.Id, raw);
        Link(links, "supporting", C.Supporting, row, id, member.Id, raw);
        var areas = new List<string>();
        foreach (var (column, areaId) in policyAreas)
        {
            var flag = row[column]!.Trim();
            if (flag == "1") areas.Add(areaId);
            else if (flag is not ("0" or "")) report.Warn("policy_area_flag_not_0_1", $"line {row.Line} {id}: {column} \"{flag}\" (no link)");
        }
        var stages = new List<OgpStage>(2);
        foreach (var stage in new[] { "midterm", "end_of_term" })
            if (OgpRatings.Read(row, stage, report, id) is { } read)
                stages.Add(Stage(plan, read, row));
        rawCells += raw.Count;
        return new OgpRecord(commitment, links, areas, stages, raw, position);
    }

    /// <summary>A title or name with its whitespace collapsed (OgpValues.Name); the cell as written is kept in <paramref name="raw"/> where that changed it.</summary>
    string? Name(OgpRow row, string column, string id, List<(string Column, string Text)> raw)
    {
        var name = OgpValues.Name(row[column]);
        if (name is not null && !string.Equals(name, row[column]!.Trim(), StringComparison.Ordinal))
        {
            raw.Add((column, row[column]!));
            report.Warn("text_whitespace_collapsed", $"line {row.Line} {id}: {column} \"{name}\"");
        }
        return name;
    }

    string Slug(string name)
    {
        if (!slugs.TryGetValue(name, out var slug)) slugs[name] = slug = OgpValues.Slug(name);
        return slug;
    }

    void Warn(OgpValues.ParsedDate date, OgpRow row, string id, string column)
    {
        if (date.WarningKind is { } kind)
            report.Warn(kind, $"line {row.Line} {id}: {column} \"{row[column]!.Trim()}\"" + (date.Iso is null ? " (kept raw)" : $" -> {date.Iso}"));
    }

    void Link(List<OgpInstitutionLink> links, string role, string column, OgpRow row, string id, string memberId, List<(string Column, string Text)> raw)
    {
        var cell = row[column];
        var position = 0;
        var linked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        institutionChanges.Clear();
        foreach (var name in OgpInstitutions.Split(cell, institutionChanges))
        {
            var key = OgpInstitutions.Key(name);
            if (key.Length == 0) continue;
            var bare = Slug(TheDropped().Replace(name, ""));
            if (bare.Length == 0) continue;
            var former = formerIds.TryGetValue(key, out var seen) ? seen : formerIds[key] = bare;
            // A member's own body is the member's: its key and id start with the member's id. An
            // international body is one institution for every member that names it.
            if (!international.TryGetValue(name, out var isInternational)) international[name] = isInternational = OgpInternationalBodies.Is(name);
            var scoped = isInternational ? key : memberId + "/" + key;
            // The first spelling seen names the institution (and is searched); later ones are its aliases.
            // Two keys whose names slug alike (they differ only in what a slug drops) are one institution too.
            if (!institutions.TryGetValue(scoped, out var institution))
            {
                var slug = isInternational ? bare : memberId + "-" + bare;
                institution = institutionsById.GetValueOrDefault(slug) ?? new(slug, name, isInternational);
                institutions[scoped] = institutionsById[slug] = institution;
            }
            if (!string.Equals(former, institution.Id, StringComparison.OrdinalIgnoreCase)) institution.FormerIds.Add(former);
            if (institution.Name != name && institution.Aliases.Add(name))
                report.Warn("institution_spelling_merged", $"line {row.Line} {id}: \"{name}\" is {institution.Id} (\"{institution.Name}\")");
            if (!linked.Add(institution.Id)) continue;
            links.Add(new(institution.Id, role, ++position, institution.Name));
        }
        foreach (var change in institutionChanges)
            report.Warn(change.Kind, $"line {row.Line} {id}: \"{Shortened(change.Text)}\"");
        // The cell as written keeps the contact details removed from the names; raw_cell is never served.
        if (institutionChanges.Any(c => c.Kind is "institution_email_removed" or "institution_phone_removed")) raw.Add((column, cell!));
    }

    static string Shortened(string text)
    {
        var line = text.ReplaceLineEndings(" / ");
        return line.Length <= 120 ? line : line[..117] + "...";
    }

    [GeneratedRegex(@"^the\s+", RegexOptions.IgnoreCase)] private static partial Regex TheDropped();

    OgpStage Stage(OgpPlan plan, StageRatings stage, OgpRow row)
    {
        var reportId = $"{plan.Id.ToLowerInvariant()}-{stage.Stage.Replace('_', '-')}";
        var years = stage.Stage == "midterm" ? plan.MidtermYears : plan.EndOfTermYears;
        if (int.TryParse(row[stage.Stage == "midterm" ? C.MidtermYear : C.EndOfTermYear]?.Trim(), CultureInfo.InvariantCulture, out var year))
            years[year] = years.GetValueOrDefault(year) + 1;
        plan.Reports.Add(stage.Stage);
        ratings++;
        rawRatings += stage.Raw.Count;
        return new OgpStage(reportId, stage);
    }

    /// <summary>
    /// Writes what the rows said about members, plans, institutions, areas and reports, and counts it
    /// all. Called once every row is mapped, on the thread that writes.
    /// </summary>
    public void Finish(OgpWriter db)
    {
        foreach (var m in members.Values.OrderBy(m => m.Id, StringComparer.Ordinal))
            db.Member.Run(m.Id, m.Name, m.Iso3, m.Region, m.Kind, m.Url);
        var reports = 0;
        foreach (var p in plans.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            // OGP's export names no plan: a title is made from what it does say, and marked as made.
            var title = MadeTitle(members[p.MemberId].Name, p);
            report.Warn("plan_title_made", $"{p.Id}: \"{title}\"");
            db.Plan.Run(p.Id, p.MemberId, p.Number, title, 1, p.Cycle, p.StartYear, p.EndYear, p.AnyActive ? "active" : "inactive");
            foreach (var stage in p.Reports.Order(StringComparer.Ordinal))
            {
                var midterm = stage == "midterm";
                var year = ReportYear(p, midterm ? p.MidtermYears : p.EndOfTermYears, midterm ? C.MidtermYear : C.EndOfTermYear);
                db.Report.Run($"{p.Id.ToLowerInvariant()}-{stage.Replace('_', '-')}", p.Id, stage, year,
                    $"{(midterm ? "Progress report" : "End-of-term report")} ({p.Id})");
                reports++;
            }
        }
        foreach (var i in institutionsById.Values.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            db.Institution.Run(i.Id, i.Name, i.Aliases.Count == 0 ? null : JsonSerializer.Serialize(i.Aliases.Order(StringComparer.Ordinal)), i.International ? 1 : 0);
            foreach (var former in i.FormerIds) db.InstitutionFormerId.Run(former, i.Id);
        }
        // Names several members use, now one institution per member (the rest only had their member's id put before theirs).
        foreach (var split in institutionsById.Values.SelectMany(i => i.FormerIds.Select(f => (Former: f, i.Id))).GroupBy(x => x.Former).Where(g => g.Count() > 1).OrderBy(g => g.Key, StringComparer.Ordinal))
            report.Warn("institution_split_per_member", $"{split.Key}: {string.Join(", ", split.Select(x => x.Id))}");
        foreach (var (column, id) in policyAreas)
        {
            var (fr, es) = OgpPolicyAreaNames.Of(id);
            db.PolicyArea.Run(id, column, fr, es);
        }

        report.Written["members"] = members.Count;
        report.Written["action plans"] = plans.Count;
        report.Written["commitments"] = commitments;
        report.Written["institutions"] = institutionsById.Count;
        report.Written["policy areas"] = policyAreas.Count;
        report.Written["IRM reports"] = reports;
        report.Written["IRM ratings (stages)"] = ratings;
        report.Written["ratings kept raw"] = rawRatings;
        report.Written["dates kept raw"] = rawDates;
        report.Written["cells kept raw"] = rawCells;
    }

    /// <summary>"Albania action plan 1, 2012-2014": the member, the plan's number and its years, as far as the export gives them.</summary>
    static string MadeTitle(string member, OgpPlan plan)
    {
        var years = (plan.StartYear, plan.EndYear) switch
        {
            (int s, int e) => $", {s}-{e}",
            (int s, null) => $", from {s}",
            _ => "",
        };
        return $"{member} action plan{(plan.Number is int n ? $" {n}" : "")}{years}";
    }

    /// <summary>The year most of the plan's rows give (the earliest of a tie); rows that disagree are reported.</summary>
    int? ReportYear(OgpPlan plan, Dictionary<int, int> years, string column)
    {
        if (years.Count == 0) return null;
        if (years.Count > 1) report.Warn("report_year_conflict", $"{plan.Id}: {column} is {string.Join(" or ", years.Keys.Order())} on different rows");
        return years.OrderByDescending(y => y.Value).ThenBy(y => y.Key).First().Key;
    }

    OgpMember Member(OgpRow row, string id, List<(string Column, string Text)> raw)
    {
        var name = Name(row, C.Member, id, raw) ?? throw new ImportRefusedException($"line {row.Line}: commitment {id} has no '{C.Member}'.");
        var region = Name(row, C.Region, id, raw);
        var slug = Slug(name);
        if (members.TryGetValue(slug, out var known))
        {
            if (known.Name != name || known.Iso3 != OgpValues.Text(row[C.Code]) || known.Region != region)
                report.Warn("member_conflict", $"line {row.Line} {id}: member {slug} differs from line {known.Line} (the first is kept)");
            return known;
        }
        var kindText = row[C.NationalOrLocal]?.Trim();
        var kind = kindText?.ToLowerInvariant() switch { "national" => "national", "local" or "legacy local" => "local", _ => "national" };
        if (kind == "national" && !string.Equals(kindText, "National", StringComparison.OrdinalIgnoreCase))
            report.Warn("member_kind_assumed_national", $"line {row.Line} {id}: {name}: {C.NationalOrLocal} \"{kindText}\"");
        var url = MemberUrl().Match(row[C.Url] ?? "") is { Success: true } m ? m.Value : null;
        return members[slug] = new OgpMember(slug, name, OgpValues.Text(row[C.Code]), region, kind, url, row.Line);
    }

    OgpPlan Plan(OgpRow row, string id, OgpMember member)
    {
        var planId = OgpValues.Text(row[C.PlanId]) ?? throw new ImportRefusedException($"line {row.Line}: commitment {id} has no '{C.PlanId}'.");
        int? Int(string column)
        {
            var text = OgpValues.Text(row[column]);
            if (text is null) return null;
            if (int.TryParse(text, CultureInfo.InvariantCulture, out var n)) return n;
            report.Warn("plan_value_not_a_number", $"line {row.Line} {id}: {column} \"{text}\" (stored as null)");
            return null;
        }
        var (number, cycle, end, duration) = (Int(C.PlanNumber), Int(C.SubmissionYear), Int(C.EndYear), Int(C.Duration));
        var start = end - duration;
        if (plans.TryGetValue(planId, out var known))
        {
            if (!string.Equals(known.MemberId, member.Id, StringComparison.OrdinalIgnoreCase))
                throw new ImportRefusedException($"line {row.Line}: action plan {planId} belongs to {known.MemberId} on line {known.Line} but to {member.Id} here.");
            if ((known.Number, known.Cycle, known.StartYear, known.EndYear) != (number, cycle, start, end))
                report.Warn("plan_conflict", $"line {row.Line} {id}: plan {planId} number/years differ from line {known.Line} (the first is kept)");
            return known;
        }
        return plans[planId] = new OgpPlan(planId, member.Id, number, cycle, start, end, row.Line);
    }

    [GeneratedRegex(@"^https?://[^/]+/members/[^/]+/", RegexOptions.IgnoreCase)] private static partial Regex MemberUrl();

    /// <summary>An institution as stored: its id, the first spelling seen, every other spelling seen, and the ids its names had before (see formerIds).</summary>
    sealed record OgpInstitution(string Id, string Name, bool International)
    {
        public SortedSet<string> Aliases { get; } = new(StringComparer.Ordinal);
        public SortedSet<string> FormerIds { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    sealed record OgpMember(string Id, string Name, string? Iso3, string? Region, string Kind, string? Url, long Line);

    sealed record OgpPlan(string Id, string MemberId, int? Number, int? Cycle, int? StartYear, int? EndYear, long Line)
    {
        public bool AnyActive { get; set; }
        public HashSet<string> Reports { get; } = [];
        public Dictionary<int, int> MidtermYears { get; } = [];
        public Dictionary<int, int> EndOfTermYears { get; } = [];
    }
}
