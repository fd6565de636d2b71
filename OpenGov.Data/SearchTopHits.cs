using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Import;
using OpenGov.Data.Queries;

namespace OpenGov.Data;

/// <summary>
/// Fills search_term and search_top_hit (see Schema.sql): for every word in at least
/// <see cref="DefaultMinHits"/> rows of commitment_search, its first <see cref="DefaultKept"/> rows
/// in the order a search by it lists them. FTS5 ranks a search by computing bm25 for every hit
/// before it knows the first; a common word in a large database has hundreds of thousands. Built
/// once with the data, which never changes after.
/// </summary>
public static class SearchTopHits
{
    /// <summary>
    /// A word in fewer rows is ranked at query time, within tens of milliseconds on 1,000,000
    /// commitments. The real OGP data has no word this common: its database keeps no top hits.
    /// </summary>
    public const int DefaultMinHits = 5_000;

    /// <summary>
    /// How much ranking a build does, in hits per row of the index: the most common words first, as
    /// long as their hits add up to no more (ranking costs about 1.4 µs a hit). In the import
    /// benchmark's file (100 times OGP's export: 55,800 rows) that is the words in 18,000 rows
    /// or more, 2.2 million hits ranked on the import's full-text thread while the build makes its
    /// indexes; every word from 5,000 rows would be 6.1 million and add about 4 s to the import. In
    /// 1,000,000 synthetic commitments, the 1,444 words in 9,768 rows or more (32 s of a 139 s build).
    /// </summary>
    public const int DefaultHitsPerRow = 40;

    /// <summary>Ten pages of 50: a page after them is ranked at query time.</summary>
    public const int DefaultKept = 500;

    /// <summary>
    /// The bit of <paramref name="lang"/> in search_top_hit.serves (0 for a language the index has no
    /// token for): the languages of <see cref="Localized.Languages"/> in order, which is also the order
    /// of search_term's hits_ columns.
    /// </summary>
    public static int ServesBit(string lang) => Localized.Languages.Contains(lang) ? 1 << Localized.Languages.ToList().IndexOf(lang) : 0;

    /// <summary>
    /// Replaces the top hits of the database file open on <paramref name="connection"/>, whose
    /// commitment_search is complete and committed: the words are ranked on <paramref name="workers"/>
    /// connections of their own (one per core unless told), reading the file while nothing writes
    /// it, and the results written after. Words in <paramref name="minHits"/> rows or more are kept,
    /// the most common first, as long as all their hits add up to <paramref name="hitsPerRow"/> per row.
    /// </summary>
    public static void Build(SqliteConnection connection, int minHits = DefaultMinHits, int kept = DefaultKept, int? workers = null,
        int hitsPerRow = DefaultHitsPerRow)
    {
        connection.Execute("CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab(main, commitment_search, 'row')");
        // 'row' counts the rows a term is in, whatever their language: the hits of a search by it in any one language are no more.
        var vocabulary = connection.Query<(string Term, long Rows)>(
            "SELECT term, doc FROM temp.search_vocabulary WHERE doc >= @minHits AND term NOT GLOB 'serves*' AND term NOT GLOB @stems ORDER BY doc DESC, term",
            new { minHits, stems = Listing.WordForms.StemTermGlob }).ToList();
        connection.Execute("DROP TABLE temp.search_vocabulary");
        var budget = (long)hitsPerRow * connection.ExecuteScalar<long>("SELECT COUNT(*) FROM commitment_search");
        var terms = new List<string>();
        foreach (var (term, hits) in vocabulary)
        {
            if (hits > budget) break;
            budget -= hits;
            terms.Add(term);
        }
        var rows = terms.Count == 0 ? [] : IndexRows(connection);
        var ranked = new (int[] Hits, int Rows, PriorityQueue<Hit, Hit> Best)[terms.Count];
        var threads = Math.Clamp(workers ?? Environment.ProcessorCount, 1, Math.Max(1, terms.Count));
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, worker =>
        {
            using var reader = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = connection.DataSource, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
            }.ToString());
            reader.Open();
            for (var t = worker; t < terms.Count; t += threads) ranked[t] = Rank(reader, terms[t], rows, kept);
        });

        using var tx = connection.BeginTransaction();
        connection.Execute("DELETE FROM search_top_hit; DELETE FROM search_term;", transaction: tx);
        using var insertTerm = new OgpWriter.Insert(connection, "search_term", "term", "hits_en", "hits_fr", "hits_es", "rows", "kept");
        using var insertHit = new OgpWriter.Insert(connection, "search_top_hit", "term", "rank", "commitment_id", "search_row", "serves");
        for (var t = 0; t < terms.Count; t++)
        {
            var (hits, count, best) = ranked[t];
            insertTerm.Run(terms[t], hits[0], hits[1], hits[2], count, best.Count);
            // In the table's key order: each row goes at the end of the B-tree rather than somewhere inside.
            foreach (var hit in best.UnorderedItems.Select(x => x.Element).OrderDescending(WorstFirst.Instance))
                insertHit.Run(terms[t], hit.Rank, hit.Id, hit.Row, rows[hit.Row].Serves);
        }
        tx.Commit();
    }

    /// <summary>
    /// The term FTS5 searches for when <paramref name="q"/> is one plain word, or null: letters and
    /// digits only, which unicode61 with remove_diacritics 2 lowercases and strips of accents (as
    /// here) into a term of ASCII letters and digits. Anything else (phrases, prefixes, operators,
    /// letters without an ASCII base) is left to FTS5 itself.
    /// </summary>
    public static string? TermOf(string q)
    {
        q = q.Trim();
        if (q.Length == 0 || q.Length > 100 || q is "AND" or "OR" or "NOT" or "NEAR") return null;
        var folded = new StringBuilder(q.Length);
        foreach (var c in q.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is not ((>= 'a' and <= 'z') or (>= '0' and <= '9'))) return null;
            folded.Append(lower);
        }
        return folded.ToString();
    }

    readonly record struct Hit(double Rank, string Id, long Row);

    /// <summary>Every row of the index: its commitment and the languages it serves (see <see cref="ServesBit"/>).</summary>
    static Dictionary<long, (string Id, int Serves)> IndexRows(SqliteConnection connection)
    {
        var rows = new Dictionary<long, (string, int)>();
        foreach (var (row, id, serves) in connection.Query<(long, string, string)>("SELECT rowid, commitment_id, serves FROM commitment_search"))
        {
            var tokens = serves.Split(' ');
            var mask = 0;
            foreach (var lang in Localized.Languages)
                if (tokens.Contains("serves" + lang)) mask |= ServesBit(lang);
            rows[row] = (id, mask);
        }
        return rows;
    }

    /// <summary>
    /// The hits of <paramref name="term"/> in each language and its first <paramref name="kept"/> rows,
    /// ranked as a search by the word ranks them (a search checks the language on each hit's row).
    /// </summary>
    static (int[] Hits, int Rows, PriorityQueue<Hit, Hit> Best) Rank(
        SqliteConnection connection, string term, Dictionary<long, (string Id, int Serves)> rows, int kept)
    {
        var hits = new int[Localized.Languages.Count];
        var count = 0;
        var best = new PriorityQueue<Hit, Hit>(kept + 1, WorstFirst.Instance);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid, rank FROM commitment_search WHERE commitment_search MATCH $term";
        // As a search by the word looks for it: itself and its other forms (Listing.SearchQuery.ToMatch).
        command.Parameters.AddWithValue("$term", Listing.SearchQuery.ToMatch(term));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var rowid = reader.GetInt64(0);
            var (id, serves) = rows[rowid];
            count++;
            for (var l = 0; l < hits.Length; l++) hits[l] += (serves >> l) & 1;
            var hit = new Hit(reader.GetDouble(1), id, rowid);
            if (best.Count < kept) best.Enqueue(hit, hit);
            else if (kept > 0 && WorstFirst.Instance.Compare(hit, best.Peek()) > 0) best.DequeueEnqueue(hit, hit);
        }
        return (hits, count, best);
    }

    /// <summary>
    /// The search order reversed, so that a queue's head is its worst hit: rank, then commitment id as
    /// SQLite's NOCASE compares them (ASCII letters folded to lower case, then code units).
    /// </summary>
    sealed class WorstFirst : IComparer<Hit>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(Hit x, Hit y)
        {
            var byRank = x.Rank.CompareTo(y.Rank);
            if (byRank == 0) byRank = NoCase(x.Id, y.Id);
            return -(byRank != 0 ? byRank : x.Row.CompareTo(y.Row));
        }

        static int NoCase(string a, string b)
        {
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                int ca = Fold(a[i]), cb = Fold(b[i]);
                if (ca != cb) return ca - cb;
            }
            return a.Length - b.Length;
        }

        static int Fold(char c) => c is >= 'A' and <= 'Z' ? c + 32 : c;
    }
}
