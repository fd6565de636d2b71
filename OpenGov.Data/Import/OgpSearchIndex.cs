using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace OpenGov.Data.Import;

/// <summary>
/// The import's full-text index (commitment_search), built in a file of its own on a thread of its
/// own while the build thread writes the other tables, then copied into the build as it is. FTS5's
/// tokenising is the longest single step of an import; this way it runs on the second core, and
/// putting it in costs a copy of its tables' records. The rows are those Derived.SearchRows writes
/// from what the import stores, in the same order and with the same settings, so the tables are
/// the ones Derived would have built (a test compares the two). The kept top hits of its common
/// words (SearchTopHits) are ranked on the same thread once the index is finished, while the build
/// thread makes its indexes and checks: on the core the build leaves idle then, not after them.
/// </summary>
internal sealed partial class OgpSearchIndex : IDisposable
{
    readonly string path;
    readonly SqliteConnection connection;
    readonly OgpWriter.Insert rows;
    readonly WriteBehind<OgpRecord> behind;

    /// <param name="beside">The database being built: the index's own file is made beside it, and deleted on Dispose.</param>
    public OgpSearchIndex(string beside)
    {
        path = $"{Path.GetFullPath(beside)}.{Guid.NewGuid():N}.search.tmp";
        connection = Db.OpenForWriting(path);
        try
        {
            // A file of the build's, deleted afterwards: nothing to keep safe while it is written. The
            // page cache stays at SQLite's 2 MB: 16 or 64 MB cost that much more memory and saved no
            // time measurably (FTS5 appends its segments, and its pending terms have a memory of their own).
            Execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
            Execute(CreateTable().Match(DatabaseFile.SchemaSql).Value);
            foreach (var table in new[] { "search_term", "search_top_hit" })
                Execute(Regex.Match(DatabaseFile.SchemaSql, $@"CREATE TABLE {table} \(.*?\) WITHOUT ROWID;", RegexOptions.Singleline).Value);
            Execute("BEGIN");
            Execute(Derived.SearchWriteSettings);
            rows = new OgpWriter.Insert(connection, "commitment_search", "commitment_id", "serves", "title", "description", "milestones", "institutions",
                "title_stem", "description_stem", "milestones_stem", "institutions_stem");
        }
        catch
        {
            connection.Dispose();
            File.Delete(path);
            throw;
        }
        behind = new WriteBehind<OgpRecord>(Index, Finish, capacity: 256);
    }

    // CommandType.Text: Dapper takes a one-word command for a stored procedure.
    void Execute(string sql) => connection.Execute(sql, commandType: System.Data.CommandType.Text);

    /// <summary>Indexes a record (on the index's thread, a few hundred records behind at most).</summary>
    public void Add(OgpRecord record) => behind.Add(record);

    /// <summary>No more records: the index thread finishes the index while the build goes on.</summary>
    public void CompleteAdding() => behind.CompleteAdding();

    // Records in French or Spanish, indexed after the English ones, as Derived.SearchRows writes them
    // (a language at a time): the same rows in the same order, so the same index.
    readonly List<OgpRecord> french = [], spanish = [];

    // Derived.SearchRows for the columns the import fills: each record's text in its one language
    // (LanguageGuess), whose row also serves the other two languages, no milestones, and the
    // institutions in the order of commitment_institution's key (lead before supporting, by position)
    // under the names they are stored with. A commitment without a title has no row, as there.
    void Index(OgpRecord record) => Index(record, now: false);

    void Index(OgpRecord record, bool now)
    {
        var c = record.Commitment;
        if (c.Title is null) return;
        if (!now && c.Lang != "en")
        {
            (c.Lang == "fr" ? french : spanish).Add(record);
            return;
        }
        // Derived.SearchRows: the row of the record's language serves it first, then the languages it has no text in.
        var serves = "serves" + c.Lang + string.Concat(new[] { "en", "fr", "es" }.Where(l => l != c.Lang).Select(l => " serves" + l));
        // The short title joins the title where it is in the title's language (Derived: title_{lang} and short_title_{lang}).
        var title = c.ShortTitle is null || c.ShortTitleLang != c.Lang ? c.Title : c.Title + " " + c.ShortTitle;
        // commitment_text, objective, status_quo, ambition and full_text, joined by spaces.
        var description = "    " + c.FullText;
        var institutions = record.Institutions.Count == 0 ? null : string.Join(' ', record.Institutions.Select(i => i.Name));
        // The stem columns, as Derived's word_stems writes them (Listing/WordForms.cs).
        rows.Run(c.Id, serves, title, description, null, institutions,
            Listing.WordForms.StemsOf(c.Lang, title), Listing.WordForms.StemsOf(c.Lang, description), null, Listing.WordForms.StemsOf(c.Lang, institutions));
    }

    void Finish()
    {
        // Derived writes each language in a statement of its own, and FTS5 writes what it holds at each
        // statement's savepoint: one savepoint per language here writes the same segments.
        foreach (var records in new[] { french, spanish })
        {
            Execute("SAVEPOINT language; RELEASE language");
            foreach (var record in records) Index(record, now: true);
        }
        Execute(Derived.SearchRanking);
        Execute("COMMIT");
        rows.Dispose();
        BuildTimings.Measure("full-text index: top hits (on its thread)", () => SearchTopHits.Build(connection, workers: 1));
        connection.Close();
    }

    /// <summary>
    /// Waits for the index to be finished, then copies its tables and its top hits into
    /// <paramref name="build"/> (whose own are empty), replacing what creating the tables wrote there.
    /// </summary>
    public void CopyInto(SqliteConnection build)
    {
        BuildTimings.Measure("full-text index: waiting for its thread", behind.Wait);
        // ATTACH and DETACH outside the transaction: a database read in a transaction stays locked until it ends.
        build.Execute("ATTACH DATABASE @path AS search", new { path });
        try
        {
            using var tx = build.BeginTransaction();
            // Table names come from the index's own schema: FTS5's shadow tables.
            foreach (var table in build.Query<string>(
                "SELECT name FROM search.sqlite_schema WHERE type = 'table' AND (name GLOB 'commitment_search_*' OR name GLOB 'search_*') ORDER BY name", transaction: tx).ToList())
            {
                build.Execute($"DELETE FROM main.{table}", transaction: tx);
                build.Execute($"INSERT INTO main.{table} SELECT * FROM search.{table}", transaction: tx);
            }
            tx.Commit();
        }
        finally
        {
            build.Execute("DETACH DATABASE search");
        }
    }

    public void Dispose()
    {
        behind.Dispose();
        rows.Dispose();
        connection.Dispose();
        if (File.Exists(path)) File.Delete(path);
    }

    [GeneratedRegex(@"CREATE VIRTUAL TABLE commitment_search .*?\);", RegexOptions.Singleline)] private static partial Regex CreateTable();
}
