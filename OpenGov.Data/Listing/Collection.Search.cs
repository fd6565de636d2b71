using System.Data.Common;
using Dapper;
using OpenGov.Data.Snippets;

namespace OpenGov.Data.Listing;

/// <summary>
/// A collection's full-text index: an FTS5 table, its column pointing at the record, the record's key,
/// whether the best hits of its common words are kept ranked in search_term and search_top_hit, and
/// the table's columns in order, an UNINDEXED one's name null (snippets are made from the others,
/// numbered as FTS5 numbers them; a test holds this list to Schema.sql).
/// </summary>
public sealed record SearchIndex(string Table, string Owner, string Key, IReadOnlyList<string?> Columns, bool TopHits = false)
{
    /// <summary>The columns to select for a row's texts, in the index's order (NULL for an unindexed one): see TokenizedRow.TextsOf.</summary>
    public string TextColumns => string.Join(", ", Columns.Select(c => c ?? "NULL"));
}

/// <summary>A one-word search by a word with kept top hits (see SearchTopHits): its hits in the language, and whether rows of it were left out.</summary>
sealed record TopHitsOfWord(long Hits, bool Truncated);

/// <summary>The search expression could not be understood by the full-text engine.</summary>
public sealed class SearchSyntaxException(string message) : Exception(message);

/// <summary>
/// What a collection's lists do when they search (q): the hits come from the full-text index, or for
/// a common word from its kept top hits (see SearchTopHits), each with a snippet of its text.
/// </summary>
public sealed partial class Collection
{
    /// <summary>
    /// Whether <paramref name="request"/> is a search in relevance order and nothing else, whose hits,
    /// total and order the full-text index alone can give: every row of the index belongs to a
    /// record (so joining each hit to its record, a lookup per hit, would change nothing).
    /// </summary>
    bool IsSearchOfIndexAlone(ListRequest request) =>
        request.Search is not null && request.Criteria.Count == 0 && (request.Sort?.Count ?? 0) == 0 && KeyColumns.Count == 1;

    /// <summary>What a row of the index that serves <paramref name="lang"/> has in its serves column, spaces around: @serves_token is it between LIKE's %.</summary>
    static string ServesToken(string lang) => $" serves{lang} ";

    /// <summary>The index's rows that match the search (@q) and serve the language asked for (@serves_token).</summary>
    static string LanguageMatch(SearchIndex s) => $"{s.Table} MATCH @q AND ' ' || {s.Table}.serves || ' ' LIKE @serves_token";

    /// <summary>
    /// The kept top hits that answer <paramref name="request"/>'s page, or null: a search by one word
    /// (see <see cref="SearchTopHits.TermOf"/>) in relevance order, a word with kept hits.
    /// </summary>
    async Task<TopHitsOfWord?> TopHitsAsync(DbConnection connection, ListRequest request, DynamicParameters parameters, CancellationToken ct)
    {
        if (Search is not { TopHits: true } || request.Search is not { } q || (request.Sort?.Count ?? 0) > 0) return null;
        var serves = SearchTopHits.ServesBit(request.Lang);
        if (serves == 0 || SearchTopHits.TermOf(q) is not { } term) return null;
        // The word's hits were ranked by the expression of the term as the index holds it (folded):
        // a word whose forms are looked for otherwise (comisión's French stem is not comision's) is
        // ranked at query time.
        if (SearchQuery.ToMatch(q.Trim().ToLowerInvariant()) != SearchQuery.ToMatch(term)) return null;
        // On a kept connection, as the page's statements: prepared once, not once per search.
        var words = await connection.QueryKeptAsync<(long Hits, long Rows, long Kept)>(
            SqlLog.Note($"SELECT hits_{request.Lang}, rows, kept FROM search_term WHERE term = @term"), new { term }, ct);
        if (words is not [var w]) return null;
        parameters.Add("term", term);
        parameters.Add("serves", serves);
        return new TopHitsOfWord(w.Hits, w.Kept < w.Rows);
    }

    /// <summary>
    /// A page of a search of the index alone, its hits ranked by FTS5 and ordered here, with how many
    /// there are: the same rows, keys and total as the index-alone page's SQL (see PageSql), without
    /// reading each hit's row for its language and key (see SearchIndexRows). Null where this
    /// connection's file has no index rows held (a large index, a connection not kept) or the cursor
    /// holds values SQL would compare otherwise; SQL then answers.
    /// </summary>
    async Task<(List<TRow> Rows, long Total)?> HitsOrderedHereAsync<TRow>(DbConnection connection, ListRequest request, Func<string, TRow> rowOfKey,
        CancellationToken ct) where TRow : KeyedRow
    {
        var s = Search!;
        var token = ServesToken(request.Lang);
        if (token.Any(c => c is '%' or '_' || !char.IsAscii(c))) return null;
        (double, string)? after = null;
        if (request.After is { } cursor)
        {
            if (cursor is not [var rank and (double or long), string key]) return null;
            after = (Convert.ToDouble(rank, System.Globalization.CultureInfo.InvariantCulture), key);
        }
        if (KeptRead.Of(connection) is not { } kept || kept.IndexRows(s) is not { } indexRows) return null;
        var hits = await connection.QueryRanksKeptAsync(SqlLog.Note($"SELECT rowid, rank FROM {s.Table} WHERE {s.Table} MATCH @q"),
            new { q = SearchQuery.ToMatch(request.Search!) }, ct);
        if (hits is null || indexRows.Page(hits, token, after, request.Limit + 1) is not var (page, total)) return null;
        var rows = new List<TRow>(page.Count);
        foreach (var hit in page)
        {
            var row = rowOfKey(hit.Key);
            row.SearchRow = hit.Row;
            row.K0 = hit.Rank;
            row.K1 = hit.Key;
            rows.Add(row);
        }
        return (rows, total);
    }

    /// <summary>
    /// Each hit's snippet, for the page's rows only: a snippet costs a read of the row's text, too
    /// much to pay for every hit. Made in C# from the row's texts where the query's shape allows (see
    /// SnippetMaker: the same bytes as FTS5's snippet(), from rows tokenized once, with the words'
    /// other forms marked too), else by FTS5, from the text columns and the words as typed (a row
    /// found only by another form of a word then has its snippet made in C# with every phrase of
    /// the search marked where found, or none).
    /// </summary>
    async Task SnippetsAsync<TRow>(DbConnection connection, string search, IReadOnlyList<TRow> rows, CancellationToken ct) where TRow : KeyedRow
    {
        if (rows.Count == 0) return;
        var expression = SearchQuery.ToFts5(search);
        var left = rows.Where(r => r.SearchRow is not null).Select(r => r.SearchRow!.Value).ToList();
        var snippets = SnippetsFromTokens(connection, expression, left, anyPhrase: false, ct);
        if (left.Count > 0) await SnippetsByFts5Async(connection, SearchQuery.ToExactMatch(search), left, snippets, ct);
        if (left.Count > 0)
            foreach (var (row, snippet) in SnippetsFromTokens(connection, expression, left, anyPhrase: true, ct)) snippets[row] = snippet;
        // Line breaks and runs of spaces from the source text say nothing in a one-line extract.
        foreach (var row in rows)
            row.Snippet = snippets.GetValueOrDefault(row.SearchRow ?? -1) is { } snippet ? OneLine(snippet) : null;
    }

    /// <summary>
    /// The snippets of <paramref name="rows"/> (of the index) made in C# from their tokens, kept once
    /// per release file (see TokenizedRows; a pinned release's are tokenized for the request alone);
    /// the rows whose snippet FTS5 must make are left in <paramref name="rows"/>.
    /// </summary>
    Dictionary<long, string> SnippetsFromTokens(DbConnection connection, string expression, List<long> rows, bool anyPhrase, CancellationToken ct)
    {
        var snippets = new Dictionary<long, string>();
        if (Fts5Tokenizer.Default is not { } tokenizer
            || (anyPhrase ? SnippetQuery.AnyPhraseOf(expression, tokenizer) : SnippetQuery.Of(expression, tokenizer)) is not { } query) return snippets;
        // On a connection that is not kept, the rows are read and tokenized for the request alone: FTS5's
        // snippet() knows nothing of the words' other forms, so it would mark fewer words than here.
        var keptRows = KeptRead.Of(connection)?.TokenizedRows;
        var missing = new List<long>();
        var found = keptRows?.Get(rows, missing) ?? [];
        if (keptRows is null) missing.AddRange(rows);
        if (missing.Count > 0)
        {
            var s = Search!;
            var sql = $"SELECT rowid, {s.TextColumns} FROM {s.Table} WHERE rowid IN @rows";
            foreach (var (row, texts) in connection.QueryTextsKept(sql, new { rows = missing }, ct) ?? Texts(connection, sql, missing))
                if (TokenizedRow.Of(texts, tokenizer) is { } tokenized)
                {
                    found[row] = tokenized;
                    keptRows?.Keep(row, tokenized);
                }
        }
        var maker = new SnippetMaker(query, tokenizer, Search!.Columns);
        foreach (var (row, tokenized) in found)
            if (maker.Make(tokenized) is { } snippet) snippets[row] = snippet;
        rows.RemoveAll(snippets.ContainsKey);
        return snippets;
    }

    /// <summary>The texts of <paramref name="rows"/> read by <paramref name="sql"/> (SnippetsFromTokens') on a connection that is not kept.</summary>
    static List<(long Row, byte[]?[] Texts)> Texts(DbConnection connection, string sql, List<long> rows)
    {
        var texts = new List<(long, byte[]?[])>();
        using var reader = (DbDataReader)connection.ExecuteReader(SqlLog.Note(sql), new { rows });
        while (reader.Read()) texts.Add((reader.GetInt64(0), TokenizedRow.TextsOf(reader, 1)));
        return texts;
    }

    /// <summary>The snippets of <paramref name="rows"/> made by FTS5's snippet() (of the rows that <paramref name="expression"/> matches), added to <paramref name="snippets"/> and taken from <paramref name="rows"/>.</summary>
    async Task SnippetsByFts5Async(DbConnection connection, string expression, List<long> rows, Dictionary<long, string> snippets, CancellationToken ct)
    {
        var t = Search!.Table;
        foreach (var (row, snippet) in await connection.QueryKeptAsync<(long Row, string Snippet)>(
            SqlLog.Note($"SELECT rowid, {SnippetMaker.Fts5Call(t)} FROM {t} WHERE {t} MATCH @q AND rowid IN @rows"),
            new { q = expression, rows }, ct))
            snippets[row] = snippet;
        rows.RemoveAll(snippets.ContainsKey);
    }

    /// <summary>
    /// <paramref name="text"/> with each run of white space (as .NET's \s reads it: char.IsWhiteSpace)
    /// as one space, as Regex.Replace(text, @"\s+", " ") gives it; the text itself where every run is
    /// one space already. The regular expression replaced every space between words by a new one: 8%
    /// of a search page's time in a profile.
    /// </summary>
    public static string OneLine(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]) || (text[i] == ' ' && (i + 1 == text.Length || !char.IsWhiteSpace(text[i + 1])))) continue;
            var line = new System.Text.StringBuilder(text.Length).Append(text, 0, i);
            while (i < text.Length)
            {
                if (!char.IsWhiteSpace(text[i])) line.Append(text[i++]);
                else
                {
                    line.Append(' ');
                    while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
                }
            }
            return line.ToString();
        }
        return text;
    }
}
