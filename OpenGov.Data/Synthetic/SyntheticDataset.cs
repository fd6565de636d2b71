using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Model;

namespace OpenGov.Data.Synthetic;

/// <summary>
/// A made-up dataset of any size, for benchmarks: members, plans, commitments with milestones,
/// institutions, policy areas and IRM ratings at two stages, with every scale value and missing
/// reason spread through it. Deterministic for a given size and seed. Nothing in it is real.
/// </summary>
public static class SyntheticDataset
{
    public const string SourceName = "synthetic";

    static readonly string[] Regions = ["Africa and the Middle East", "Americas", "Asia and the Pacific", "Europe"];

    // A vocabulary whose first words are far more frequent than the rest, as in real text:
    // "open" is the common word a search benchmark looks for.
    static readonly string[] Common = ["open", "government", "data", "public", "access", "information", "citizens", "transparency"];

    /// <summary>
    /// Builds the dataset into <paramref name="dbPath"/> (a new release of it where it exists).
    /// <paramref name="revised"/>: the same data with one commitment in a hundred revised (its title
    /// and its status), as a second release of OGP's data changes a few records of many.
    /// </summary>
    public static Releases.ReleaseSummary Build(string dbPath, int commitments, int seed = 1, bool revised = false)
    {
        var meta = new Dictionary<string, string>
        {
            ["source"] = SourceName,
            ["source_description"] = $"Synthetic benchmark dataset: {commitments} made-up commitments (seed {seed}{(revised ? ", 1% revised" : "")}).",
            ["licence"] = "CC0-1.0",
            ["data_version"] = $"synthetic-{commitments}-{seed}{(revised ? "-revised" : "")}",
            ["built_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        return DatabaseFile.Build(dbPath, (c, tx) =>
        {
            Fill(c, tx, commitments, new Random(seed));
            if (!revised) return;
            using var revise = c.CreateCommand();
            revise.Transaction = tx;
            revise.CommandText = """
                UPDATE commitment SET title_en = title_en || ' (revised)', status = CASE status WHEN 'active' THEN 'inactive' ELSE 'active' END
                WHERE rowid % 100 = 0
                """;
            revise.ExecuteNonQuery();
        }, meta);
    }

    static void Fill(SqliteConnection c, SqliteTransaction tx, int commitments, Random random)
    {
        var words = Enumerable.Range(0, 3000).Select(i => Word(i)).ToArray();
        string Text(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ =>
            random.NextDouble() < 0.15 ? Common[random.Next(Common.Length)] : words[(int)(words.Length * Math.Pow(random.NextDouble(), 2))]));

        var memberCount = Math.Clamp(commitments / 2000, 3, 150);
        const int plansPerMember = 5;
        var institutions = Math.Clamp(commitments / 200, 10, 5000);
        var areas = 86;

        var member = Command(c, tx, "INSERT INTO member (id, name_en, iso3, region, kind, illustrative) VALUES ($1, $2, $3, $4, $5, 1)");
        var plan = Command(c, tx, "INSERT INTO action_plan (id, member_id, number, title_en, cycle, start_year, end_year, status, illustrative) VALUES ($1, $2, $3, $4, $5, $5, $6, $7, 1)");
        for (var m = 0; m < memberCount; m++)
        {
            Run(member, $"member-{m:D3}", $"Member {m}", $"X{m:D2}", Regions[m % Regions.Length], m % 5 == 0 ? "local" : "national");
            for (var p = 1; p <= plansPerMember; p++)
                Run(plan, PlanId(m, p), $"member-{m:D3}", p, $"Action plan {p} of member {m}", 2010 + 2 * p, 2012 + 2 * p, p == plansPerMember ? "active" : "inactive");
        }
        var institution = Command(c, tx, "INSERT INTO institution (id, name_en) VALUES ($1, $2)");
        for (var i = 0; i < institutions; i++) Run(institution, $"institution-{i:D4}", $"Ministry of {words[i % words.Length]} {i}");
        var area = Command(c, tx, "INSERT INTO policy_area (id, name_en) VALUES ($1, $2)");
        for (var a = 0; a < areas; a++) Run(area, $"area-{a:D2}", $"Policy area {a}");
        foreach (var p in Enumerable.Range(0, memberCount).SelectMany(m => Enumerable.Range(1, plansPerMember).Select(n => PlanId(m, n))))
            foreach (var (kind, stage) in new[] { ("midterm", "midterm"), ("end_of_term", "end-of-term") })
                c.Execute(tx, "INSERT INTO irm_report (id, action_plan_id, kind, title_en) VALUES ($1, $2, $3, $4)", $"{p.ToLowerInvariant()}-{stage}", p, kind, $"{stage} report {p}");

        var commitment = Command(c, tx, """
            INSERT INTO commitment (id, action_plan_id, member_id, number, title_en, objective_en, status, start_date, end_date, illustrative)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)
            """);
        var milestone = Command(c, tx, "INSERT INTO milestone (commitment_id, number, text_en) VALUES ($1, $2, $3)");
        var link = Command(c, tx, "INSERT OR IGNORE INTO commitment_institution (commitment_id, institution_id, role, position) VALUES ($1, $2, $3, 1)");
        var tag = Command(c, tx, "INSERT OR IGNORE INTO commitment_policy_area (commitment_id, policy_area_id) VALUES ($1, $2)");
        var midterm = Command(c, tx, """
            INSERT INTO irm_rating (commitment_id, stage, irm_report_id, specificity, specificity_missing, verifiable, verifiable_missing,
                potential_impact, potential_impact_missing, completion, completion_missing, starred, starred_missing)
            VALUES ($1, 'midterm', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """);
        var endOfTerm = Command(c, tx, """
            INSERT INTO irm_rating (commitment_id, stage, irm_report_id, completion, completion_missing, diog, diog_missing,
                early_results, early_results_missing, carried_forward, carried_forward_missing)
            VALUES ($1, 'end_of_term', $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """);
        var relevance = Command(c, tx, "INSERT INTO irm_rating_ogp_value (commitment_id, stage, ogp_value) VALUES ($1, 'midterm', $2)");

        var reasons = SnakeCase.All<MissingReason>();
        (string? Value, string? Missing) Rate(IReadOnlyList<string> scale) =>
            random.NextDouble() < 0.12 ? (null, reasons[random.Next(reasons.Count)]) : (scale[random.Next(scale.Count)], null);
        var ogpValues = SnakeCase.All<OgpValue>();

        for (var k = 0; k < commitments; k++)
        {
            var m = k % memberCount;
            var p = 1 + k / memberCount % plansPerMember;
            var id = $"SY{k:D7}";
            var planId = PlanId(m, p);
            var year = 2010 + 2 * p;
            Run(commitment, id, planId, $"member-{m:D3}", (k / (memberCount * plansPerMember) + 1).ToString(CultureInfo.InvariantCulture),
                Text(8), Text(20), p == plansPerMember ? "active" : "inactive", Date(random, year), Date(random, year + 2));
            for (var n = 1; n <= 2; n++) Run(milestone, id, n, Text(8));
            Run(link, id, $"institution-{random.Next(institutions):D4}", "lead");
            Run(link, id, $"institution-{random.Next(institutions):D4}", "supporting");
            Run(tag, id, $"area-{random.Next(areas):D2}");
            Run(tag, id, $"area-{random.Next(areas):D2}");

            var report = planId.ToLowerInvariant();
            var (spec, specMissing) = Rate(SnakeCase.All<Specificity>());
            var (ver, verMissing) = Rate(SnakeCase.All<Verifiable>());
            var (impact, impactMissing) = Rate(SnakeCase.All<PotentialImpact>());
            var (done, doneMissing) = Rate(SnakeCase.All<Completion>());
            var (star, starMissing) = Rate(["1", "0"]);
            Run(midterm, id, report + "-midterm", spec, specMissing, ver, verMissing, impact, impactMissing, done, doneMissing, star, starMissing);
            Run(relevance, id, ogpValues[k % ogpValues.Count]);
            var (end, endMissing) = Rate(SnakeCase.All<Completion>());
            var (diog, diogMissing) = Rate(SnakeCase.All<Diog>());
            var (early, earlyMissing) = Rate(SnakeCase.All<EarlyResults>());
            var (carried, carriedMissing) = Rate(["1", "0"]);
            Run(endOfTerm, id, report + "-end-of-term", end, endMissing, diog, diogMissing, early, earlyMissing, carried, carriedMissing);
        }
    }

    static string PlanId(int member, int number) => $"AP_X{member:D3}{number:D2}";

    /// <summary>Dates at all three precisions, as published data has them.</summary>
    static string Date(Random random, int year) => random.Next(3) switch
    {
        0 => year.ToString(CultureInfo.InvariantCulture),
        1 => $"{year}-{random.Next(1, 13):D2}",
        _ => $"{year}-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}",
    };

    /// <summary>A made-up word: the same for the same number.</summary>
    static string Word(int i)
    {
        const string consonants = "bcdfghklmnprstvz", vowels = "aeiou";
        var w = "";
        for (var n = i + 7; w.Length < 6; n /= 5) w += $"{consonants[n % consonants.Length]}{vowels[n % vowels.Length]}";
        return w + (i % 10);
    }

    static SqliteCommand Command(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        var count = System.Text.RegularExpressions.Regex.Matches(sql, @"\$(\d+)").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Max();
        for (var i = 1; i <= count; i++) command.Parameters.Add(new SqliteParameter("$" + i, null));
        command.Prepare();
        return command;
    }

    static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < command.Parameters.Count; i++) command.Parameters[i].Value = values.Length > i ? values[i] ?? DBNull.Value : DBNull.Value;
        command.ExecuteNonQuery();
    }

    static void Execute(this SqliteConnection c, SqliteTransaction tx, string sql, params object?[] values)
    {
        using var command = Command(c, tx, sql);
        Run(command, values);
    }
}
