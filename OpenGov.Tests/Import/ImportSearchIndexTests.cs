using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data;
using OpenGov.Data.Import;

namespace OpenGov.Tests.Import;

/// <summary>
/// The import writes its full-text index itself, on a thread of its own, instead of leaving it to
/// the SQL that derives it for every other build. Both must give the same index: here the imported
/// tables are loaded into a new database, whose build derives the index the usual way, and FTS5's
/// tables (its content, document sizes, terms and segments) are compared row by row.
/// </summary>
public sealed class ImportSearchIndexTests
{
    string dir = "";

    [SetUp]
    public void Scratch() => Directory.CreateDirectory(dir = Path.Combine(Path.GetTempPath(), $"opengov-search-{Guid.NewGuid():N}"));

    [TearDown]
    public void Clean()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void TheImportsFullTextIndexIsTheOneDerivedBuildsFromTheImportedTables()
    {
        var csv = OgpCsv.Load(OgpCsv.PathOrSkip());
        // Rows without a title (no index row), a short title, a full text or institutions, besides the file's own.
        var rows = csv.Rows.Select(r => r.ToArray()).ToList();
        rows[1][csv.Col("Commitment Title")] = "";
        rows[2][csv.Col("Short Title")] = "NA";
        rows[3][csv.Col("Full Text")] = " ";
        rows[4][csv.Col("Lead Institution")] = "";
        rows[4][csv.Col("Supporting Institution(s)")] = "";
        rows[5][csv.Col("Supporting Institution(s)")] = rows[6][csv.Col("Lead Institution")] + "; " + rows[5][csv.Col("Lead Institution")];
        var file = Path.Combine(dir, "export.csv");
        OgpCsv.Write(file, csv.Header, rows);
        var imported = Path.Combine(dir, "imported.db");
        OgpCsvImporter.Import(file, imported);

        var derived = Path.Combine(dir, "derived.db");
        DatabaseFile.Build(derived, (connection, tx) => CopyTables(imported, connection, tx), new Dictionary<string, string> { ["source"] = "test" });

        using var c = new SqliteConnection($"Data Source={imported};Mode=ReadOnly;Pooling=False");
        c.Open();
        c.Execute("ATTACH DATABASE @derived AS derived", new { derived });
        var tables = c.Query<string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB 'commitment_search_*' ORDER BY name").ToList();
        Assert.That(tables, Is.SupersetOf(new[] { "commitment_search_content", "commitment_search_data", "commitment_search_docsize" }));
        Assert.That(c.ExecuteScalar<long>("SELECT COUNT(*) FROM commitment_search_content"), Is.EqualTo(rows.Count - 1), "one index row per commitment with a title");
        Assert.Multiple(() =>
        {
            foreach (var table in tables)
            {
                var rowCount = c.ExecuteScalar<long>($"SELECT COUNT(*) FROM main.{table}");
                Assert.That(c.ExecuteScalar<long>($"SELECT COUNT(*) FROM derived.{table}"), Is.EqualTo(rowCount), table);
                Assert.That(c.ExecuteScalar<long>($"SELECT COUNT(*) FROM (SELECT * FROM main.{table} EXCEPT SELECT * FROM derived.{table})"), Is.Zero, table);
            }
        });
    }

    /// <summary>Every table the import writes, except what a build derives, in the order it was written.</summary>
    static void CopyTables(string from, SqliteConnection connection, SqliteTransaction tx)
    {
        using var source = new SqliteConnection($"Data Source={from};Mode=ReadOnly;Pooling=False");
        source.Open();
        var tables = source.Query<(string Name, string Sql)>("""
            SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT GLOB 'sqlite_*'
                AND name NOT GLOB 'commitment_search*' AND name NOT IN ('commitment_filter', 'institution_member', 'dataset_meta', 'release', 'record_change')
            """).ToList();
        foreach (var (table, sql) in tables)
        {
            // Generated columns are derived again on insert; rowid order is the order the rows were written in.
            var columns = source.Query<string>("SELECT name FROM pragma_table_xinfo(@table) WHERE hidden = 0", new { table }).ToList();
            using var read = source.CreateCommand();
            read.CommandText = $"SELECT {string.Join(", ", columns)} FROM {table}{(sql.Contains("WITHOUT ROWID") ? "" : " ORDER BY rowid")}";
            using var write = connection.CreateCommand();
            write.Transaction = tx;
            write.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            var parameters = columns.Select((_, i) => write.Parameters.Add(new SqliteParameter("$p" + i, DBNull.Value))).ToList();
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < columns.Count; i++) parameters[i].Value = reader.GetValue(i);
                write.ExecuteNonQuery();
            }
        }
    }
}
