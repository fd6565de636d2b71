using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OpenGov.Data.Import;

/// <summary>
/// Prepared INSERT statements for the import: compiled once, run per row (hundreds of thousands of
/// times). They bind and step through SQLite's own API: through SqliteCommand, each run also built
/// a data reader, looked every parameter up by name and copied each text into a new UTF-8 array;
/// at 100 times OGP's file the inserts took three times as long that way.
/// </summary>
internal sealed class OgpWriter(SqliteConnection connection) : IDisposable
{
    // Each text in the column of its language (LanguageGuess), the others null.
    readonly Insert commitment = new(connection, "commitment", "id", "action_plan_id", "member_id", "number",
        "title_en", "title_fr", "title_es", "short_title_en", "short_title_fr", "short_title_es", "full_text_en", "full_text_fr", "full_text_es",
        "source_lang", "status", "theme", "start_date", "end_date", "start_date_raw", "end_date_raw", "url");

    static readonly string[] Languages = ["en", "fr", "es"];

    static IEnumerable<object?> InColumnOf(string lang, string? text) => Languages.Select(l => l == lang ? text : null);
    readonly Insert institutionLink = new(connection, "commitment_institution", "commitment_id", "institution_id", "role", "position");
    readonly Insert policyAreaLink = new(connection, "commitment_policy_area", "commitment_id", "policy_area_id");
    readonly Insert rating = new(connection, "irm_rating", ["commitment_id", "stage", "irm_report_id", .. StageRatings.Columns]);
    readonly Insert ogpValue = new(connection, "irm_rating_ogp_value", "commitment_id", "stage", "ogp_value");
    readonly Insert rawRating = new(connection, "irm_rating_raw", "commitment_id", "stage", "rating", "raw_text");
    readonly Insert rawCell = new(connection, "raw_cell", "commitment_id", "column_name", "raw_text");
    public readonly Insert Member = new(connection, "member", "id", "name_en", "iso3", "region", "kind", "url");
    public readonly Insert Plan = new(connection, "action_plan", "id", "member_id", "number", "title_en", "title_made", "cycle", "start_year", "end_year", "status");
    public readonly Insert Report = new(connection, "irm_report", "id", "action_plan_id", "kind", "year", "title_en");
    public readonly Insert Institution = new(connection, "institution", "id", "name_en", "aliases", "international");
    public readonly Insert InstitutionFormerId = new(connection, "institution_former_id", "former_id", "institution_id");
    public readonly Insert PolicyArea = new(connection, "policy_area", "id", "name_en", "name_fr", "name_es");

    Insert[] All => [commitment, institutionLink, policyAreaLink, rating, ogpValue, rawRating, rawCell, Member, Plan, Report, Institution, InstitutionFormerId, PolicyArea];

    /// <summary>Writes one row of the export: its commitment, links and IRM stages.</summary>
    public void Write(OgpRecord record)
    {
        var c = record.Commitment;
        commitment.Run([c.Id, c.ActionPlanId, c.MemberId, c.Number, .. InColumnOf(c.Lang, c.Title), .. InColumnOf(c.ShortTitleLang, c.ShortTitle),
            .. InColumnOf(c.FullTextLang, c.FullText), c.Lang, c.Status, c.Theme, c.StartDate, c.EndDate, c.StartDateRaw, c.EndDateRaw, c.Url]);
        foreach (var link in record.Institutions) institutionLink.Run(c.Id, link.InstitutionId, link.Role, link.Position);
        foreach (var area in record.PolicyAreas) policyAreaLink.Run(c.Id, area);
        foreach (var (column, text) in record.RawCells) rawCell.Run(c.Id, column, text);
        foreach (var (reportId, stage) in record.Stages)
        {
            rating.Run([c.Id, stage.Stage, reportId, .. stage.Values]);
            foreach (var value in stage.OgpValues) ogpValue.Run(c.Id, stage.Stage, value);
            foreach (var (name, text) in stage.Raw) rawRating.Run(c.Id, stage.Stage, name, text);
        }
    }

    /// <summary>Reports the time spent in each table's inserts (OPENGOV_IMPORT_TIMING).</summary>
    public void ReportTimings()
    {
        foreach (var insert in All)
            BuildTimings.Report($"fill: insert {insert.Table} ({insert.Count})", Stopwatch.GetElapsedTime(0, insert.Ticks));
    }

    public void Dispose()
    {
        foreach (var insert in All) insert.Dispose();
    }

    public sealed class Insert : IDisposable
    {
        readonly sqlite3 db;
        readonly sqlite3_stmt statement;
        // Texts are encoded here, then copied by SQLite: no array per value, and no large-object-heap
        // arrays for the long full texts.
        byte[] utf8 = new byte[1 << 12];

        public string Table { get; }
        public long Count { get; private set; }
        public long Ticks { get; private set; }

        public Insert(SqliteConnection connection, string table, params string[] columns)
        {
            Table = table;
            db = connection.Handle!;
            // Table and column names come from this file, never from the data.
            var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))})";
            Check(raw.sqlite3_prepare_v2(db, sql, out statement));
        }

        public void Run(params object?[] values)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < values.Length; i++) Check(Bind(i + 1, values[i]));
            var done = raw.sqlite3_step(statement);
            // Reset before a failed step is reported: reset returns the step's error, and leaves the statement ready for the next run.
            var reset = raw.sqlite3_reset(statement);
            if (done != raw.SQLITE_DONE) Check(reset == raw.SQLITE_OK ? done : reset);
            Ticks += Stopwatch.GetTimestamp() - start;
            Count++;
        }

        int Bind(int index, object? value)
        {
            switch (value)
            {
                case null: return raw.sqlite3_bind_null(statement, index);
                // An empty span would reach SQLite as a null pointer, which binds NULL rather than ''.
                case "": return raw.sqlite3_bind_text(statement, index, "");
                case string text:
                    var length = Encoding.UTF8.GetMaxByteCount(text.Length);
                    if (length > utf8.Length) utf8 = new byte[Math.Max(length, utf8.Length * 2)];
                    var written = Encoding.UTF8.GetBytes(text, utf8);
                    return raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, written));
                case long n: return raw.sqlite3_bind_int64(statement, index, n);
                case int n: return raw.sqlite3_bind_int64(statement, index, n);
                case double x: return raw.sqlite3_bind_double(statement, index, x);
                default: throw new ArgumentException($"{Table}: no SQLite type for a {value.GetType().Name}.", nameof(value));
            }
        }

        void Check(int rc)
        {
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        }

        public void Dispose() => statement.Dispose();
    }
}
