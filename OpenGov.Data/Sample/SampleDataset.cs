using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Model;

namespace OpenGov.Data.Sample;

/// <summary>
/// The sample dataset in data/: JSON files written by the project (see data/README.md), loaded
/// into a fresh database. Its data version is a hash of the files, so it changes when, and only
/// when, the data does.
/// </summary>
public static class SampleDataset
{
    public const string SourceName = "sample";

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The files that make the dataset, in a fixed order.</summary>
    public static IReadOnlyList<string> Files(string dataDir) =>
        Directory.EnumerateFiles(dataDir, "*.json", SearchOption.AllDirectories)
            .OrderBy(f => Path.GetRelativePath(dataDir, f).Replace('\\', '/'), StringComparer.Ordinal)
            .ToList();

    /// <summary>A hash of every file's name and bytes: the data version of a database built from them.</summary>
    public static string Version(string dataDir)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Files(dataDir))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(dataDir, file).Replace('\\', '/') + "\n"));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return "sample-" + Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    /// <summary>Builds the database at <paramref name="dbPath"/> from the files in <paramref name="dataDir"/>: a new release of it.</summary>
    /// <remarks><paramref name="note"/> is the publisher's note on the release, as import --note gives it (tests publish one).</remarks>
    public static Releases.ReleaseSummary Build(string dataDir, string dbPath, string? note = null)
    {
        var meta = new Dictionary<string, string>
        {
            ["source"] = SourceName,
            ["source_description"] = "Sample dataset of the OpenGov API project: commitment UK0075 as OGP's page shows it, and records marked illustrative.",
            ["source_url"] = "https://www.opengovpartnership.org/members/united-kingdom/commitments/UK0075/",
            ["licence"] = "CC-BY-4.0",
            ["data_version"] = Version(dataDir),
            ["built_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        };
        return DatabaseFile.Build(dbPath, (connection, tx) => Load(dataDir, connection, tx), meta,
            source: note is null ? null : new Releases.ReleaseSource(Note: note));
    }

    static void Load(string dataDir, SqliteConnection c, SqliteTransaction tx)
    {
        foreach (var m in Read<List<MemberFile>>(Path.Combine(dataDir, "members.json")))
            c.Execute("""
                INSERT INTO member (id, name_en, name_fr, name_es, source_lang, iso3, region, kind, url, illustrative)
                VALUES (@Id, @En, @Fr, @Es, @SourceLang, @Iso3, @Region, @Kind, @Url, @Illustrative)
                """, new { m.Id, En = T(m.Name, "en"), Fr = T(m.Name, "fr"), Es = T(m.Name, "es"), SourceLang = m.SourceLang ?? "en", m.Iso3, m.Region, m.Kind, m.Url, m.Illustrative }, tx);

        foreach (var p in Read<List<ActionPlanFile>>(Path.Combine(dataDir, "action-plans.json")))
            c.Execute("""
                INSERT INTO action_plan (id, member_id, number, title_en, title_fr, title_es, source_lang, cycle, start_year, end_year, status, url, illustrative)
                VALUES (@Id, @Member, @Number, @En, @Fr, @Es, @SourceLang, @Cycle, @StartYear, @EndYear, @Status, @Url, @Illustrative)
                """, new { p.Id, p.Member, p.Number, En = T(p.Title, "en"), Fr = T(p.Title, "fr"), Es = T(p.Title, "es"), SourceLang = p.SourceLang ?? "en", p.Cycle, p.StartYear, p.EndYear, p.Status, p.Url, p.Illustrative }, tx);

        foreach (var i in Read<List<NamedFile>>(Path.Combine(dataDir, "institutions.json")))
            c.Execute("INSERT INTO institution (id, name_en, name_fr, name_es, source_lang) VALUES (@Id, @En, @Fr, @Es, @SourceLang)",
                new { i.Id, En = T(i.Name, "en"), Fr = T(i.Name, "fr"), Es = T(i.Name, "es"), SourceLang = i.SourceLang ?? "en" }, tx);

        foreach (var a in Read<List<NamedFile>>(Path.Combine(dataDir, "policy-areas.json")))
            c.Execute("INSERT INTO policy_area (id, name_en, name_fr, name_es, source_lang) VALUES (@Id, @En, @Fr, @Es, @SourceLang)",
                new { a.Id, En = T(a.Name, "en"), Fr = T(a.Name, "fr"), Es = T(a.Name, "es"), SourceLang = a.SourceLang ?? "en" }, tx);

        foreach (var r in Read<List<IrmReportFile>>(Path.Combine(dataDir, "irm-reports.json")))
            c.Execute("""
                INSERT INTO irm_report (id, action_plan_id, kind, year, source_lang, title_en, title_fr, title_es, url)
                VALUES (@Id, @ActionPlan, @Kind, @Year, @SourceLang, @En, @Fr, @Es, @Url)
                """, new { r.Id, r.ActionPlan, r.Kind, r.Year, SourceLang = r.SourceLang ?? "en", En = T(r.Title, "en"), Fr = T(r.Title, "fr"), Es = T(r.Title, "es"), r.Url }, tx);

        foreach (var file in Directory.EnumerateFiles(Path.Combine(dataDir, "commitments"), "*.json").Order(StringComparer.Ordinal))
            InsertCommitment(Read<CommitmentFile>(file), c, tx);
    }

    static void InsertCommitment(CommitmentFile k, SqliteConnection c, SqliteTransaction tx)
    {
        var lang = k.SourceLang ?? "en";
        var d = k.Description ?? new DescriptionFile(null, null, null, null, null);
        c.Execute("""
            INSERT INTO commitment (id, action_plan_id, member_id, number, source_lang,
                title_en, title_fr, title_es, short_title_en, short_title_fr, short_title_es,
                commitment_text_en, commitment_text_fr, commitment_text_es, objective_en, objective_fr, objective_es,
                status_quo_en, status_quo_fr, status_quo_es, ambition_en, ambition_fr, ambition_es,
                full_text_en, full_text_fr, full_text_es, status, theme, start_date, end_date, url, illustrative)
            SELECT @Id, p.id, p.member_id, @Number, @Lang,
                @TitleEn, @TitleFr, @TitleEs, @ShortEn, @ShortFr, @ShortEs,
                @TextEn, @TextFr, @TextEs, @ObjEn, @ObjFr, @ObjEs,
                @QuoEn, @QuoFr, @QuoEs, @AmbEn, @AmbFr, @AmbEs,
                @FullEn, @FullFr, @FullEs, @Status, @Theme, @StartDate, @EndDate, @Url, @Illustrative
            FROM action_plan p WHERE p.id = @ActionPlan
            """, new
        {
            k.Id, k.ActionPlan, k.Number, Lang = lang,
            TitleEn = T(k.Title, "en"), TitleFr = T(k.Title, "fr"), TitleEs = T(k.Title, "es"),
            ShortEn = T(k.ShortTitle, "en"), ShortFr = T(k.ShortTitle, "fr"), ShortEs = T(k.ShortTitle, "es"),
            TextEn = T(d.CommitmentText, "en"), TextFr = T(d.CommitmentText, "fr"), TextEs = T(d.CommitmentText, "es"),
            ObjEn = T(d.Objective, "en"), ObjFr = T(d.Objective, "fr"), ObjEs = T(d.Objective, "es"),
            QuoEn = T(d.StatusQuo, "en"), QuoFr = T(d.StatusQuo, "fr"), QuoEs = T(d.StatusQuo, "es"),
            AmbEn = T(d.Ambition, "en"), AmbFr = T(d.Ambition, "fr"), AmbEs = T(d.Ambition, "es"),
            FullEn = T(d.FullText, "en"), FullFr = T(d.FullText, "fr"), FullEs = T(d.FullText, "es"),
            k.Status, k.Theme, k.StartDate, k.EndDate, k.Url, k.Illustrative,
        }, tx);
        if (c.ExecuteScalar<long>("SELECT changes()", transaction: tx) != 1)
            throw new InvalidDataException($"Commitment {k.Id}: action plan '{k.ActionPlan}' does not exist.");

        InsertInstitutions(k.Id, "lead", k.LeadInstitutions, c, tx);
        InsertInstitutions(k.Id, "supporting", k.SupportingInstitutions, c, tx);
        foreach (var area in k.PolicyAreas ?? [])
            c.Execute("INSERT INTO commitment_policy_area (commitment_id, policy_area_id) VALUES (@Id, @area)", new { k.Id, area }, tx);
        foreach (var m in k.Milestones ?? [])
            c.Execute("""
                INSERT INTO milestone (commitment_id, number, source_lang, text_en, text_fr, text_es, start_date, end_date)
                VALUES (@Id, @Number, @Lang, @En, @Fr, @Es, @StartDate, @EndDate)
                """, new { k.Id, m.Number, Lang = lang, En = T(m.Text, "en"), Fr = T(m.Text, "fr"), Es = T(m.Text, "es"), m.StartDate, m.EndDate }, tx);
        foreach (var r in k.IrmRatings ?? [])
            InsertRating(k.Id, lang, r, c, tx);
    }

    static void InsertInstitutions(string commitmentId, string role, List<string>? ids, SqliteConnection c, SqliteTransaction tx)
    {
        var position = 0;
        foreach (var institution in ids ?? [])
            c.Execute("""
                INSERT INTO commitment_institution (commitment_id, institution_id, role, position)
                VALUES (@commitmentId, @institution, @role, @position)
                """, new { commitmentId, institution, role, position = ++position }, tx);
    }

    static void InsertRating(string commitmentId, string lang, RatingFile r, SqliteConnection c, SqliteTransaction tx)
    {
        var row = new DynamicParameters();
        row.Add("commitment_id", commitmentId);
        row.Add("stage", r.Stage);
        row.Add("irm_report_id", r.IrmReport);
        row.Add("source_lang", lang);
        row.Add("narrative_en", T(r.Narrative, "en"));
        row.Add("narrative_fr", T(r.Narrative, "fr"));
        row.Add("narrative_es", T(r.Narrative, "es"));
        List<string> relevance = [];
        foreach (var (name, value) in r.Ratings)
        {
            if (!RatingColumns.Contains(name))
                throw new InvalidDataException($"Commitment {commitmentId}, stage {r.Stage}: unknown rating '{name}'.");
            if (value.ValueKind == JsonValueKind.Object)
            {
                row.Add(name + "_missing", value.GetProperty("missing").GetString());
                continue;
            }
            if (name == "relevance")
                relevance = value.EnumerateArray().Select(v => v.GetString()!).ToList();
            else
                row.Add(name, value.ValueKind switch
                {
                    JsonValueKind.True => 1,
                    JsonValueKind.False => 0,
                    _ => (object?)value.GetString(),
                });
        }
        var columns = row.ParameterNames.ToList();
        c.Execute($"INSERT INTO irm_rating ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(n => "@" + n))})", row, tx);
        foreach (var value in relevance)
            c.Execute("INSERT INTO irm_rating_ogp_value (commitment_id, stage, ogp_value) VALUES (@commitmentId, @Stage, @value)",
                new { commitmentId, r.Stage, value }, tx);
        foreach (var n in r.Notes ?? [])
            c.Execute("""
                INSERT INTO irm_note (commitment_id, stage, number, source_lang, text_en, text_fr, text_es, url)
                VALUES (@commitmentId, @Stage, @Number, @lang, @En, @Fr, @Es, @Url)
                """, new { commitmentId, r.Stage, n.Number, lang, En = T(n.Text, "en"), Fr = T(n.Text, "fr"), Es = T(n.Text, "es"), n.Url }, tx);
    }

    /// <summary>The ratings a stage may hold; each is a column of irm_rating (relevance has its own table).</summary>
    static readonly HashSet<string> RatingColumns =
    [
        "specificity", "verifiable", "relevance", "potential_impact", "potential_for_results", "completion", "starred",
        "early_results", "diog", "diog_access_to_information", "diog_civic_participation", "diog_public_accountability",
        "diog_technology_and_innovation", "carried_forward",
    ];

    static string? T(Dictionary<string, string>? text, string lang) => text?.GetValueOrDefault(lang);

    static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Json) ?? throw new InvalidDataException("empty file");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    sealed record MemberFile(string Id, Dictionary<string, string> Name, string? SourceLang, string? Iso3, string? Region, string Kind, string? Url, bool Illustrative);
    sealed record ActionPlanFile(string Id, string Member, int? Number, Dictionary<string, string>? Title, string? SourceLang, int? Cycle, int? StartYear, int? EndYear, string Status, string? Url, bool Illustrative);
    sealed record NamedFile(string Id, Dictionary<string, string> Name, string? SourceLang);
    sealed record IrmReportFile(string Id, string ActionPlan, string Kind, int? Year, Dictionary<string, string>? Title, string? SourceLang, string? Url);
    sealed record DescriptionFile(Dictionary<string, string>? CommitmentText, Dictionary<string, string>? Objective, Dictionary<string, string>? StatusQuo, Dictionary<string, string>? Ambition, Dictionary<string, string>? FullText);
    sealed record MilestoneFile(int Number, Dictionary<string, string>? Text, string? StartDate, string? EndDate);
    sealed record NoteFile(int Number, Dictionary<string, string>? Text, string? Url);
    sealed record RatingFile(string Stage, string? IrmReport, Dictionary<string, string>? Narrative, Dictionary<string, JsonElement> Ratings, List<NoteFile>? Notes);
    sealed record CommitmentFile(
        string Id, string ActionPlan, bool Illustrative, string? Number, string? SourceLang,
        Dictionary<string, string>? Title, Dictionary<string, string>? ShortTitle, string Status, string? Theme,
        string? StartDate, string? EndDate, string? Url, List<string>? LeadInstitutions, List<string>? SupportingInstitutions,
        List<string>? PolicyAreas, DescriptionFile? Description, List<MilestoneFile>? Milestones, List<RatingFile>? IrmRatings);
}
