using Dapper;
using Microsoft.Data.Sqlite;

namespace OpenGov.Data;

/// <summary>
/// What the loader derives once every row is in, for fast filters and search: each commitment's
/// filter row (commitment_filter: its scalars and rating summaries), its full-text index rows (commitment_search),
/// and the counts of commitments per filter value (commitment_count). Every way of building a database runs it
/// (DatabaseFile.Build), so derived data can never disagree with what it is derived from. The one
/// exception, for speed: the import writes the same full-text rows itself, on another thread
/// (Import/OgpSearchIndex.cs), and a test checks them against these.
/// </summary>
internal static class Derived
{
    /// <summary>Summary column of commitment_filter, the irm_rating column it summarises, and the stages it looks at (null: all).</summary>
    static readonly (string Column, string Rating, string? Stages)[] Summaries =
    [
        ("completion", "completion", null),
        ("completion_midterm", "completion", "'midterm'"),
        // Plans from 2020 on have a results report where older ones had an end-of-term report.
        ("completion_end_of_term", "completion", "'end_of_term', 'results'"),
        ("starred", "starred", null),
        ("verifiable", "verifiable", null),
        ("specificity", "specificity", null),
        ("potential_impact", "potential_impact", null),
        ("ambition", "potential_for_results", null),
        ("diog", "diog", null),
        ("early_results", "early_results", null),
        ("carried_forward", "carried_forward", null),
    ];

    static readonly string[] Languages = ["en", "fr", "es"];

    /// <summary>Derives every table, or all but commitment_search where <paramref name="search"/> is false (see OgpSearchIndex).</summary>
    public static void Run(SqliteConnection connection, SqliteTransaction tx, bool search = true)
    {
        RegionIds(connection, tx);
        // Each institution's members, from its links: every way of building a database links institutions.
        BuildTimings.Measure("derived: institution_member", () => connection.Execute("""
            INSERT INTO institution_member (institution_id, member_id)
            SELECT DISTINCT x.institution_id, c.member_id FROM commitment_institution x JOIN commitment c ON c.id = x.commitment_id
            """, transaction: tx));
        BuildTimings.Measure("derived: commitment_filter", () => connection.Execute($"""
            INSERT INTO commitment_filter (commitment_id, member_id, action_plan_id, status,
                start_date_lo, start_date_hi, end_date_lo, end_date_hi, {string.Join(", ", Summaries.Select(x => x.Column))})
            SELECT c.id, c.member_id, c.action_plan_id, c.status, c.start_date_lo, c.start_date_hi, c.end_date_lo, c.end_date_hi,
                {string.Join(", ", Summaries.Select(x => $"COALESCE(s.{x.Column}, '')"))}
            FROM commitment c LEFT JOIN (
                SELECT r.commitment_id, {string.Join(",\n", Summaries.Select(Summary))}
                FROM irm_rating r GROUP BY r.commitment_id
            ) s ON s.commitment_id = c.id
            """, transaction: tx));
        if (!search) return;
        connection.Execute(SearchWriteSettings, transaction: tx);
        // The stem columns' texts (Listing/WordForms.cs), made in C# for each row as it is inserted.
        connection.CreateFunction<string, string?, string?>("word_stems", Listing.WordForms.StemsOf, isDeterministic: true);
        foreach (var lang in Languages)
            BuildTimings.Measure($"derived: commitment_search {lang}", () => connection.Execute(SearchRows(lang), transaction: tx));
        connection.Execute(SearchRanking, transaction: tx);
    }

    /// <summary>
    /// Each member's region id, the slug of OGP's name of the region ("Africa and the Middle East" is
    /// africa-and-the-middle-east): filters and facets take an id, as they do for members, and a name
    /// written for people is no id. Derived here, so every way of building a database gives the same ids.
    /// </summary>
    static void RegionIds(SqliteConnection connection, SqliteTransaction tx)
    {
        connection.CreateFunction("region_slug", (string name) => Import.OgpValues.Slug(name), isDeterministic: true);
        connection.Execute("UPDATE member SET region_id = NULLIF(region_slug(region), '') WHERE region IS NOT NULL", transaction: tx);
    }

    // FTS5 collects index entries in memory and writes them out as a new segment whenever they pass
    // 'hashsize' (1 MB by default); segments are merged again and again as they pile up. With 16 MB,
    // a large import writes and re-merges 16 times fewer segments (about half the time of this
    // insert at 100 times OGP's file) for at most 16 MB more memory. The setting is stored with the
    // index and only affects writes, which the finished database never has.
    internal const string SearchWriteSettings = "INSERT INTO commitment_search (commitment_search, rank) VALUES ('hashsize', 16777216)";

    // bm25 weights per column: commitment_id, serves, title, description, milestones, institutions, and
    // the stem columns of the last four at half their weight: a row with the word itself (found in
    // both its text and its stems) ranks above one with only another of its forms, other things equal.
    internal const string SearchRanking =
        "INSERT INTO commitment_search (commitment_search, rank) VALUES ('rank', 'bm25(0.0, 0.0, 10.0, 4.0, 2.0, 1.0, 5.0, 2.0, 1.0, 0.5)')";

    /// <summary>
    /// Fills commitment_count: for every field of /v1/commitments a filter can name, how many
    /// commitments have each value (each pair of first and last day, for a date). Run once the
    /// indexes exist, so that each count is one pass over a narrow index.
    /// </summary>
    public static void RunCounts(SqliteConnection connection, SqliteTransaction tx) =>
        BuildTimings.Measure("derived: commitment_count", () =>
        {
            foreach (var sql in Queries.CommitmentQueries.Collection.ValueCountsSql("commitment_count"))
                connection.Execute(sql, transaction: tx);
        });

    // The latest stage's value where one has it, else the latest stage's reason it is missing (null
    // when neither: the caller makes it ''). One pass over the ratings, grouped by commitment: a
    // stage's number (1 to 4, one digit) before its value makes max() pick the latest stage, and
    // substr() drops the digit again.
    static string Summary((string Column, string Rating, string? Stages) s)
    {
        var stages = s.Stages is null ? "" : $" AND r.stage IN ({s.Stages})";
        var value = s.Rating is "starred" or "carried_forward" ? $"CASE r.{s.Rating} WHEN 1 THEN 'true' ELSE 'false' END" : "r." + s.Rating;
        return $"""
            COALESCE(
                substr(max(CASE WHEN r.{s.Rating} IS NOT NULL{stages} THEN r.stage_order || {value} END), 2),
                substr(max(CASE WHEN r.{s.Rating}_missing IS NOT NULL{stages} THEN r.stage_order || r.{s.Rating}_missing END), 2)) AS {s.Column}
            """;
    }

    static string SearchRows(string lang)
    {
        var others = Languages.Where(l => l != lang).ToList();
        string Text(string column) => $"COALESCE(c.{column}_{lang}, c.{column}_en, c.{column}_fr, c.{column}_es, '')";
        // Each row's texts in a subquery, then their stems in the row's language beside them.
        return $"""
            INSERT INTO commitment_search (commitment_id, serves, title, description, milestones, institutions,
                title_stem, description_stem, milestones_stem, institutions_stem)
            SELECT id, serves, title, description, milestones, institutions,
                word_stems('{lang}', title), word_stems('{lang}', description), word_stems('{lang}', milestones), word_stems('{lang}', institutions)
            FROM (SELECT c.id AS id,
                'serves{lang}' || CASE WHEN c.source_lang = '{lang}'
                    THEN {string.Join(" || ", others.Select(o => $"CASE WHEN c.title_{o} IS NULL THEN ' serves{o}' ELSE '' END"))} ELSE '' END AS serves,
                c.title_{lang} || COALESCE(' ' || c.short_title_{lang}, '') AS title,
                {string.Join(" || ' ' || ", new[] { "commitment_text", "objective", "status_quo", "ambition", "full_text" }.Select(Text))} AS description,
                (SELECT group_concat(COALESCE(m.text_{lang}, m.text_en, m.text_fr, m.text_es), ' ') FROM milestone m WHERE m.commitment_id = c.id) AS milestones,
                (SELECT group_concat(COALESCE(i.name_{lang}, i.name_en, i.name_fr, i.name_es), ' ')
                    FROM commitment_institution ci JOIN institution i ON i.id = ci.institution_id WHERE ci.commitment_id = c.id) AS institutions
            FROM commitment c WHERE c.title_{lang} IS NOT NULL)
            """;
    }
}
