using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace OpenGov.Data.Import;

/// <summary>Prepared INSERT statements for the import: compiled once, run per row (tens of thousands of times).</summary>
internal sealed class OgpWriter(SqliteConnection connection, SqliteTransaction tx)
{
    public readonly Insert Commitment = new(connection, tx, "commitment", "id", "action_plan_id", "member_id", "number",
        "title_en", "short_title_en", "full_text_en", "status", "theme", "start_date", "end_date", "start_date_raw", "end_date_raw", "url");
    public readonly Insert InstitutionLink = new(connection, tx, "commitment_institution", "commitment_id", "institution_id", "role", "position");
    public readonly Insert PolicyAreaLink = new(connection, tx, "commitment_policy_area", "commitment_id", "policy_area_id");
    public readonly Insert OgpValue = new(connection, tx, "irm_rating_ogp_value", "commitment_id", "stage", "ogp_value");
    public readonly Insert RawRating = new(connection, tx, "irm_rating_raw", "commitment_id", "stage", "rating", "raw_text");
    public readonly Insert Member = new(connection, tx, "member", "id", "name_en", "iso3", "region", "kind", "url");
    public readonly Insert Plan = new(connection, tx, "action_plan", "id", "member_id", "number", "cycle", "start_year", "end_year", "status");
    public readonly Insert Report = new(connection, tx, "irm_report", "id", "action_plan_id", "kind", "year", "title_en");
    public readonly Insert Institution = new(connection, tx, "institution", "id", "name_en");
    public readonly Insert PolicyArea = new(connection, tx, "policy_area", "id", "name_en");

    static readonly string[] RatingColumns =
        ["commitment_id", "stage", "irm_report_id", "relevance_missing",
         .. OgpRatings.RatingColumns.SelectMany(r => new[] { r, r + "_missing" })];

    readonly Insert rating = new(connection, tx, "irm_rating", RatingColumns);

    public void Rating(string commitmentId, string stage, string reportId, Dictionary<string, object> columns)
    {
        var values = new object?[RatingColumns.Length];
        values[0] = commitmentId;
        values[1] = stage;
        values[2] = reportId;
        for (var i = 3; i < RatingColumns.Length; i++)
            values[i] = columns.GetValueOrDefault(RatingColumns[i]);
        rating.Run(values);
    }

    /// <summary>Reports the time spent in each table's inserts (OPENGOV_IMPORT_TIMING).</summary>
    public void ReportTimings()
    {
        foreach (var insert in new[] { Commitment, InstitutionLink, PolicyAreaLink, rating, OgpValue, RawRating, Member, Plan, Report, Institution, PolicyArea })
            BuildTimings.Report($"fill: insert {insert.Table} ({insert.Count})", Stopwatch.GetElapsedTime(0, insert.Ticks));
    }

    public sealed class Insert
    {
        readonly SqliteCommand command;

        public string Table { get; }
        public long Count { get; private set; }
        public long Ticks { get; private set; }

        public Insert(SqliteConnection connection, SqliteTransaction tx, string table, params string[] columns)
        {
            Table = table;
            command = connection.CreateCommand();
            command.Transaction = tx;
            // Table and column names come from this file, never from the data.
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < columns.Length; i++) command.Parameters.Add(new SqliteParameter("$p" + i, DBNull.Value));
            command.Prepare();
        }

        public void Run(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
            var start = Stopwatch.GetTimestamp();
            command.ExecuteNonQuery();
            Ticks += Stopwatch.GetTimestamp() - start;
            Count++;
        }
    }
}
