using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace OpenGov.Data.Listing;

/// <summary>
/// A listable table: its FROM clause, the key columns that make its order total, the fields
/// requests may filter, sort and count by, and its full-text index if it has one. Pages are keyset
/// pages: the next page starts after the sort values of the last row seen, so a page costs the
/// same anywhere in the list, and rows added or removed meanwhile never make one skip or repeat.
/// </summary>
public sealed partial class Collection(
    string name, string from, IReadOnlyList<string> keyColumns, IReadOnlyList<Field> fields,
    SearchIndex? search = null, IReadOnlyList<(string Alias, string Clause)>? joins = null, string? counts = null)
{
    public string Name { get; } = name;
    public IReadOnlyDictionary<string, Field> Fields { get; } = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    public IReadOnlyList<string> KeyColumns { get; } = keyColumns;
    public SearchIndex? Search { get; } = search;

    /// <summary>
    /// Keys that sort but do not filter: texts in the language asked for (a title), whose SQL depends
    /// on that language ("en", "fr" or "es"). Cursors of such a sort are bound to the language.
    /// </summary>
    public IReadOnlyDictionary<string, Func<string, string>> LanguageSorts { get; init; } = new Dictionary<string, Func<string, string>>();

    /// <summary>
    /// Fields that only the endpoint sets, from parameters of its own (<see cref="EndpointParameters"/>,
    /// such as since and until of /v1/changes): never a filter a query string names, never documented as one.
    /// </summary>
    public IReadOnlyList<Field> ScopeFields { get; init; } = [];

    /// <summary>Query parameters the endpoint reads itself (they are not filters, and not unknown either).</summary>
    public IReadOnlyList<string> EndpointParameters { get; init; } = [];

    /// <summary>Every key <c>sort</c> takes: the fields with one value per record, then the language sorts.</summary>
    public IReadOnlyList<string> SortableNames => Fields.Values.Where(f => f.IsSortable).Select(f => f.Name).Concat(LanguageSorts.Keys).ToList();

    /// <summary>Runs the page, the count and the facets of <paramref name="request"/>; <paramref name="select"/> lists the row's columns.</summary>
    public Task<KeysetPage<TRow>> ListAsync<TRow>(DbConnection connection, string select, ListRequest request, CancellationToken ct)
        where TRow : KeyedRow =>
        ListAsync(connection, select, request, (sql, parameters) => connection.QueryKeptAsync<TRow>(sql, parameters, ct), rowOfKey: null, ct);

    /// <summary>
    /// The page's ids alone (<paramref name="id"/>: the column that holds them), with the count and
    /// facets: the rendered path. Rows read by hand, the sort values of only the row a cursor is made from.
    /// </summary>
    public Task<KeysetPage<IdRow>> IdsAsync(DbConnection connection, string id, ListRequest request, CancellationToken ct) =>
        ListAsync(connection, $"{id} AS id", request,
            (sql, parameters) => connection.QueryIdRowsKeptAsync(sql, parameters, cursorRow: request.Limit - 1, ct),
            // Pages chosen in memory know each record's key: they serve where the id asked for is that key.
            rowOfKey: id == KeyColumns[0] ? key => new IdRow { Id = key } : null, ct);

    /// <summary>
    /// The list path: <paramref name="readPage"/> reads a page's rows by its SQL; <paramref name="rowOfKey"/>,
    /// where given, makes a row of a record's key alone, for pages chosen in memory (see
    /// <see cref="RunInKeyOrderHere"/> and <see cref="HitsOrderedHereAsync"/>).
    /// </summary>
    async Task<KeysetPage<TRow>> ListAsync<TRow>(DbConnection connection, string select, ListRequest request,
        Func<string, DynamicParameters, Task<List<TRow>>> readPage, Func<string, TRow>? rowOfKey, CancellationToken ct) where TRow : KeyedRow
    {
        var parameters = new DynamicParameters();
        var (search, where, _) = Where(request, parameters);
        var order = OrderKeys(request);
        if (request.After is { } after)
        {
            if (after.Count != order.Count) throw new ArgumentException("The cursor does not fit this sort order.");
            for (var i = 0; i < after.Count; i++) parameters.Add("k" + i, after[i]);
        }
        // The count and facets join only what their conditions use: every join is one row to one, so
        // leaving the others out changes no count and saves a lookup per row.
        var countSource = Source(search, where);

        // How many rows the list has, where the page's reading counted them too (see PageSql's withTotal).
        long? pageTotal = null;

        // One page, ranked by the full-text index or read from the kept top hits of a common word.
        async Task<List<TRow>> PageAsync(TopHitsOfWord? top)
        {
            string sql;
            pageTotal = null;
            if (rowOfKey is not null && RunInKeyOrderHere(connection, request, rowOfKey) is var (runRows, runTotal))
            {
                pageTotal = runTotal;
                return runRows;
            }
            if (top is null && IsSearchOfIndexAlone(request) && rowOfKey is not null
                && await HitsOrderedHereAsync(connection, request, rowOfKey, ct) is var (hitRows, hitTotal))
            {
                pageTotal = hitTotal;
                return hitRows;
            }
            var pageCounted = false;
            if (top is null && IsSearchOfIndexAlone(request))
            {
                // The hits come from the index alone, keyed by its own copy of the record's key. A first
                // page ranks every hit anyway: it counts them in the same pass, instead of a count
                // statement matching them all again.
                var s = Search!;
                var indexOrder = OrderKeys(request, key: $"{s.Table}.{s.Owner} COLLATE NOCASE");
                var indexPage = $"WHERE {LanguageMatch(s)}" + (request.After is null ? "" : " AND " + After(indexOrder));
                pageCounted = request.After is null && request.CountTotal;
                sql = PageSql(request, select, indexOrder, "", indexPage, $"{s.Table}.rowid", hitSource: s.Table, withTotal: pageCounted);
            }
            else
            {
                var (pageSearch, _, pageWhere) = Where(request, parameters, top);
                var pageOrder = OrderKeys(request, top is null ? null : "h.rank");
                var page = request.After is null ? pageWhere : (pageWhere.Length == 0 ? "WHERE " : pageWhere + " AND ") + After(pageOrder);
                var searchRow = request.Search is null ? null : top is null ? $"{Search!.Table}.rowid" : "h.search_row";
                sql = PageSql(request, select, pageOrder, pageSearch, page, searchRow, keysOnly: rowOfKey is not null);
            }
            // On a kept connection (see KeptReads) the page and count statements stay prepared between requests.
            var rows = await readPage(SqlLog.Note(sql), parameters);
            if (pageCounted) pageTotal = rows.FirstOrDefault()?.Total ?? 0;
            return rows;
        }

        string CountSql() =>
            CountFromTable(request, parameters)
            ?? (IsSearchOfIndexAlone(request) ? $"SELECT COUNT(*) FROM {Search!.Table} WHERE {LanguageMatch(Search)}" : null)
            ?? $"SELECT COUNT(*) FROM {countSource} {where}";

        try
        {
            var top = await TopHitsAsync(connection, request, parameters, ct);
            var rows = request.Limit == 0 ? [] : await PageAsync(top);
            // Fewer rows than asked for from a list that left rows out: the rest of the page is among those.
            if (top is { Truncated: true } && request.Limit > 0 && rows.Count <= request.Limit) rows = await PageAsync(null);
            var total = !request.CountTotal ? -1 : top is not null && request.Criteria.Count == 0 ? top.Hits
                : pageTotal is { } counted ? counted
                : await connection.CountKeptAsync(SqlLog.Note(CountSql()), parameters, ct);
            var facets = await FacetsAsync(connection, request, search, where, parameters, total, ct);

            IReadOnlyList<object>? next = null;
            if (rows.Count > request.Limit)
            {
                rows.RemoveAt(rows.Count - 1);
                next = rows[^1].Keys(order.Count);
            }
            if (request.Search is not null && request.Snippets) await SnippetsAsync(connection, request.Search, rows, ct);
            return new KeysetPage<TRow>(rows, total, next, facets);
        }
        catch (SqliteException e) when (request.Search is not null && e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase))
        {
            throw new SearchSyntaxException(e.Message.Replace("SQLite Error 1: ", "", StringComparison.Ordinal).Trim('\'', '.', ' '));
        }
    }

    /// <summary>
    /// The page query: <paramref name="select"/>'s columns, the sort keys as k0, k1, ... and, in a
    /// search, the hit's row of the full-text index. Where the collection has one key column and the
    /// request filters, sorts or searches, the page's keys are chosen first from only what the
    /// filters, sort and ranking read, and the rows (wide, with their joins) are read for those keys
    /// alone: SQLite reads a row's every selected column before it sorts, so a search ranking 20,000
    /// hits, or a filter on the member's country, would otherwise read thousands of whole commitments
    /// to keep 50. A run of the unfiltered list reads its rows in key order and stops at the page
    /// size anyway; choosing its keys first would only look each row up twice.
    /// </summary>
    string PageSql(ListRequest request, string select, IReadOnlyList<(string Sql, bool Descending)> order, string search, string page, string? searchRow,
        string? hitSource = null, bool withTotal = false, bool keysOnly = false)
    {
        var keys = string.Join(", ", order.Select((k, i) => $"{k.Sql} AS k{i}"));
        var orderBy = string.Join(", ", order.Select(k => k.Sql + (k.Descending ? " DESC" : "")));
        // The page size (and the one row more that says whether a next page exists) is written into
        // the SQL, not bound: SQLite's planner reads a bound LIMIT's value, so such a statement is
        // prepared again at every run after its parameters are bound (seen with a probe on SQLite's
        // prepare: once per request), which undid keeping it prepared. An integer, never text from the request.
        var take = (request.Limit + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // keysOnly: the rows are the record's key and sort values (the rendered path), nothing wide to
        // read; choosing the keys first would look each one up again (51 seeks a page, a tenth of a
        // filtered page's time on 1,000,000 commitments).
        if (KeyColumns.Count != 1 || IsRunInKeyOrder(request) || (keysOnly && searchRow is null))
        {
            var row = searchRow is null ? "" : $", {searchRow} AS search_row";
            return $"SELECT {select}, {keys}{row} FROM {Source(search, select + keys + row + page + orderBy)} {page} ORDER BY {orderBy} LIMIT {take}";
        }
        var key = KeyColumns[0];
        if (searchRow is null)
            return $"""
                SELECT {select}, {keys} FROM {Source("", select + keys + orderBy)}
                WHERE {key} IN (SELECT {key} FROM {Source("", page + orderBy)} {page} ORDER BY {orderBy} LIMIT {take})
                ORDER BY {orderBy}
                """;
        // A search's keys include its rank, which only the full-text index (or the kept top hits) can
        // give: the ranked page of hits carries them, and the last key is the record's key.
        var hitKeys = string.Join(", ", order.Select((_, i) => $"hit.k{i} AS k{i}"));
        var hitOrder = string.Join(", ", order.Select((k, i) => $"hit.k{i}" + (k.Descending ? " DESC" : "")));
        // withTotal: each hit also carries how many there are (a window over every hit, counted before
        // the LIMIT keeps the page's): for a page whose hits each join exactly one record.
        var (outerTotal, innerTotal) = withTotal ? (", hit.total AS total", ", COUNT(*) OVER () AS total") : ("", "");
        return $"""
            SELECT {select}, {hitKeys}, hit.search_row AS search_row{outerTotal}
            FROM (SELECT {keys}, {searchRow} AS search_row{innerTotal} FROM {hitSource ?? Source(search, keys + page + orderBy)} {page} ORDER BY {orderBy} LIMIT {take}) hit
            CROSS JOIN {Source("", select)} WHERE {key} = hit.k{order.Count - 1}
            ORDER BY {hitOrder}
            """;
    }

    /// <summary>
    /// Whether a page of <paramref name="request"/> is a run of the whole list in key order (no filter,
    /// no search, the default sort): it then holds every record from its first key to its last.
    /// </summary>
    public bool IsRunInKeyOrder(ListRequest request) =>
        request.Criteria.Count == 0 && request.Search is null && (request.Sort?.Count ?? 0) == 0 && KeyColumns.Count == 1;

    /// <summary>Every key of the list in the order of a run of it (the page's ORDER BY), bounded; the same for every run, made once.</summary>
    string RunKeysSql(ListRequest run)
    {
        var orderBy = string.Join(", ", OrderKeys(run).Select(k => k.Sql + (k.Descending ? " DESC" : "")));
        return $"SELECT {KeyColumns[0]} FROM {Source("", orderBy)} ORDER BY {orderBy} LIMIT {KeysInOrder.MaxKeys + 1}";
    }

    string? runKeysSql;

    /// <summary>
    /// A page of a run of the whole list in key order, and its total, sliced from the list's keys held
    /// for this connection's file (see KeysInOrder): the rows, sort values and total the run's SQL
    /// (PageSql, and the count) gives. Null where the request is not such a run, the connection is not
    /// kept, the list is too long to hold, or the cursor is not one of its keys; SQL then answers.
    /// </summary>
    (List<TRow> Rows, long Total)? RunInKeyOrderHere<TRow>(DbConnection connection, ListRequest request, Func<string, TRow> rowOfKey) where TRow : KeyedRow
    {
        if (!IsRunInKeyOrder(request) || KeptRead.Of(connection) is not { } kept) return null;
        string? after = null;
        if (request.After is { } cursor)
        {
            if (cursor is not [string key]) return null;
            after = key;
        }
        var sql = runKeysSql ??= RunKeysSql(request);
        if (kept.Held(sql, c => KeysInOrder.Read(c, sql)) is not { } keys || keys.Page(after, request.Limit + 1) is not var (page, total)) return null;
        var rows = new List<TRow>(page.Count);
        foreach (var key in page)
        {
            var row = rowOfKey(key);
            row.K0 = key;
            rows.Add(row);
        }
        return (rows, total);
    }

    /// <summary>
    /// The SQL that fills the collection's table of counts (see commitment_count in Schema.sql): the
    /// total, and for each field a filter can name, the records per value of the field's SQL (per
    /// record for a many-valued field: those linked to the value), or per (first, last) day of a date.
    /// </summary>
    public IEnumerable<string> ValueCountsSql(string table)
    {
        yield return $"INSERT INTO {table} (field, n) SELECT '', COUNT(*) FROM {from}";
        foreach (var field in Fields.Values.Where(IsCounted))
            yield return field switch
            {
                { Many: var (link, owner, value) } =>
                    $"INSERT INTO {table} (field, value, n) SELECT '{field.Name}', x.{value}, COUNT(DISTINCT x.{owner}) FROM {link} x GROUP BY x.{value}",
                { Type: FieldType.Date } =>
                    $"INSERT INTO {table} (field, date_lo, date_hi, n) SELECT '{field.Name}', {field.Sql}_lo, {field.Sql}_hi, COUNT(*) FROM {from} GROUP BY 2, 3",
                _ => $"INSERT INTO {table} (field, value, n) SELECT '{field.Name}', {field.Sql}, COUNT(*) FROM {Source("", field.Sql!)} GROUP BY 2",
            };
    }

    // Ids are not counted: every record has its own, and a lookup by id counts one row anyway.
    static bool IsCounted(Field field) => field.Name != "id";

    /// <summary>
    /// The exact total of a request with no search and at most one filter, from the table of counts:
    /// the filter's own condition (see <see cref="Condition"/>) over the counts of its field's values.
    /// Null where the table cannot say: a many-valued field asked for several values (a record may have
    /// two of them) or for a negation, the id, or a collection without a table of counts.
    /// </summary>
    string? CountFromTable(ListRequest request, DynamicParameters parameters)
    {
        if (counts is null || request.Search is not null || request.Criteria.Count > 1) return null;
        if (request.Criteria.Count == 0) return $"SELECT n FROM {counts} WHERE field = ''";
        var criterion = request.Criteria[0];
        var field = Fields[criterion.Field];
        if (!IsCounted(field)) return null;
        string condition;
        if (field.Many is not null)
        {
            if (criterion.Op != Op.Eq || criterion.Values.Count != 1) return null;
            parameters.Add("count0", field.Convert(criterion.Values[0]));
            condition = "x.value = @count0";
        }
        else
        {
            // Each record is counted under exactly one value (or pair of days): adding up the counts of
            // the values the condition matches gives the number of records it matches.
            condition = Condition(criterion, "count0", parameters, field with { Sql = field.Type == FieldType.Date ? "x.date" : "x.value" }).Count;
        }
        return $"SELECT IFNULL(SUM(x.n), 0) FROM {counts} x WHERE x.field = '{field.Name}' AND ({condition})";
    }

    /// <summary>The FROM clause with the joins that <paramref name="sql"/> (or a join it needs) refers to.</summary>
    string Source(string searchJoin, string sql)
    {
        var needed = new HashSet<string>();
        var text = sql + searchJoin;
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (alias, clause, used) in joinsUsed)
                if (!needed.Contains(alias) && used.IsMatch(text))
                {
                    needed.Add(alias);
                    text += " " + clause;
                    changed = true;
                }
        }
        // A search drives the query from the full-text index (CROSS JOIN keeps that table the outer
        // loop): looked up the other way round, the index would be scanned once per record.
        return searchJoin + from + string.Concat(joinsUsed.Where(j => needed.Contains(j.Alias)).Select(j => " " + j.Clause));
    }

    /// <summary>Each join, and what finds its alias used in SQL (made once: a pattern built per request cost a lookup in Regex's cache each time).</summary>
    readonly (string Alias, string Clause, System.Text.RegularExpressions.Regex Used)[] joinsUsed =
        [.. (joins ?? []).Select(j => (j.Alias, j.Clause, new System.Text.RegularExpressions.Regex($@"\b{j.Alias}\.", System.Text.RegularExpressions.RegexOptions.CultureInvariant)))];

    /// <summary>
    /// The WHERE clause of the count and facets, and that of the page, which may read the same condition
    /// another way (see <see cref="Condition"/>); a search's hits come from the full-text index, or for
    /// the page alone from the kept top hits of <paramref name="top"/>'s word.
    /// </summary>
    (string SearchJoin, string Where, string PageWhere) Where(ListRequest request, DynamicParameters parameters, TopHitsOfWord? top = null)
    {
        // Each filter's parameter ends in '_': Dapper expands a list @f1 into @f11, @f12..., which
        // were the names of the 12th and 13th filters (a 500 with 12 filters or more); @f1_ expands
        // into @f1_1, @f1_2, which no other name can be.
        var joint = JointGroups(request.Criteria);
        var conditions = joint.Select(g => JointCondition(g, parameters))
            .Concat(request.Criteria.Select((c, i) => (c, i)).Where(x => !joint.Any(g => g.Any(j => j.Index == x.i))).Select(x => Condition(x.c, $"f{x.i}_", parameters)))
            .ToList();
        var source = "";
        if (request.Search is { } q)
        {
            var s = Search ?? throw new ArgumentException($"{Name} has no full-text search");
            source = $"{s.Table} CROSS JOIN ";
            // The language is checked on each hit's row, read anyway for its record's key. As a phrase
            // of the search ("serves : servesfr AND ...") it cost a seek in a list of every row per hit,
            // and bm25 counted that list once per search (about 50 ms on 1,000,000 commitments).
            var match = $"{LanguageMatch(s)} AND {s.Key} = {s.Table}.{s.Owner}";
            conditions.Add((match, match));
            parameters.Add("q", SearchQuery.ToMatch(q));
            parameters.Add("serves_token", $"%{ServesToken(request.Lang)}%");
            if (top is not null)
            {
                // The kept hits in rank order, those that serve the language: the key's index is read in order.
                source = "search_top_hit h CROSS JOIN ";
                var kept = $"h.term = @term AND h.serves & @serves <> 0 AND {s.Key} = h.commitment_id";
                conditions[^1] = (kept, kept);
            }
        }
        string Clause(IEnumerable<string> parts) => conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", parts.Select(c => $"({c})"));
        return (source, Clause(conditions.Select(c => c.Count)), Clause(conditions.Select(c => c.Page)));
    }

    /// <summary>
    /// The SQL of one filter, for the count and for the page. They differ where the best plan
    /// differs: a count reads every match and wants an index on the value; a page reads matches
    /// in key order until it has enough, and for common values (several values of a scale, a
    /// value of a small list like ogp_value) scanning in key order stops far sooner than sorting
    /// every match from the value's index. SQLite's unary + keeps a term off the index.
    /// </summary>
    (string Count, string Page) Condition(Criterion criterion, string name, DynamicParameters parameters, Field? asField = null)
    {
        var field = asField ?? (Fields.TryGetValue(criterion.Field, out var f) ? f : ScopeFields.FirstOrDefault(s => s.Name == criterion.Field)
            ?? throw new ArgumentException($"{Name} has no field '{criterion.Field}'"));
        if (field.Many is var (table, owner, value))
        {
            parameters.Add(name, criterion.Values.Select(field.Convert).ToArray());
            // The count starts from the link table's index (IN a subquery); for an enum's few common
            // values the page probes the link table per record in key order instead (EXISTS).
            var not = criterion.Op == Op.Not ? "NOT " : "";
            var count = $"{KeyColumns[0]} {not}IN (SELECT x.{owner} FROM {table} x WHERE x.{value} IN @{name})";
            var exists = $"{not}EXISTS (SELECT 1 FROM {table} x WHERE x.{owner} = {KeyColumns[0]} AND x.{value} IN @{name})";
            return (count, field.Type == FieldType.Enum ? exists : count);
        }
        if (field.Type == FieldType.Date) return Same(DateCondition(field.Sql!, criterion, name, parameters));

        var sql = field.Sql!;
        if (field.Type == FieldType.Enum && criterion.Op is not (Op.Eq or Op.Not))
        {
            // An order on a scale: compare by position; values off the order (reasons, 'withdrawn') never match.
            var at = field.Ordered!.ToList().IndexOf(criterion.Values[0]);
            var matching = criterion.Op switch
            {
                Op.Gte => field.Ordered!.Skip(at), Op.Gt => field.Ordered!.Skip(at + 1),
                Op.Lte => field.Ordered!.Take(at + 1), _ => field.Ordered!.Take(at),
            };
            parameters.Add(name, matching.ToArray());
            return ($"{sql} IN @{name}", $"+{sql} IN @{name}");
        }
        switch (criterion.Op)
        {
            case Op.Eq:
                parameters.Add(name, criterion.Values.Select(field.Convert).ToArray());
                return ($"{sql} IN @{name}", $"{(field.Type == FieldType.Enum && criterion.Values.Count > 1 ? "+" : "")}{sql} IN @{name}");
            case Op.Not:
                parameters.Add(name, criterion.Values.Select(field.Convert).ToArray());
                return Same($"{sql} IS NULL OR {sql} NOT IN @{name}");
            default:
                parameters.Add(name, field.Convert(criterion.Values[0]));
                return Same($"{sql} {Comparison(criterion.Op)} @{name}");
        }
    }

    /// <summary>The equality filters on joint fields (see <see cref="Field.Joint"/>), by the table they read, where two or more read one.</summary>
    List<List<(Criterion Criterion, int Index)>> JointGroups(IReadOnlyList<Criterion> criteria) =>
        criteria.Select((c, i) => (Criterion: c, Index: i))
            .Where(x => x.Criterion.Op == Op.Eq && Fields.TryGetValue(x.Criterion.Field, out var f) && f is { Joint: true, Many: not null })
            .GroupBy(x => Fields[x.Criterion.Field].Many!.Value.Table)
            .Where(g => g.Count() > 1).Select(g => g.ToList()).ToList();

    /// <summary>Filters on joint fields of one table: the records with one row of it that matches them all.</summary>
    (string Count, string Page) JointCondition(List<(Criterion Criterion, int Index)> group, DynamicParameters parameters)
    {
        var (table, owner, _) = Fields[group[0].Criterion.Field].Many!.Value;
        var matches = group.Select(x =>
        {
            var field = Fields[x.Criterion.Field];
            parameters.Add($"f{x.Index}_", x.Criterion.Values.Select(field.Convert).ToArray());
            return $"x.{field.Many!.Value.Value} IN @f{x.Index}_";
        });
        return Same($"{KeyColumns[0]} IN (SELECT x.{owner} FROM {table} x WHERE {string.Join(" AND ", matches)})");
    }

    /// <summary>
    /// Dates compare at the coarser of the two precisions: 2016-05 equals 2016 and 2016-05-20, is
    /// on or after 2016-05-20, and before 2016-06. A date the publisher did not give matches only __not.
    /// </summary>
    static string DateCondition(string column, Criterion criterion, string name, DynamicParameters parameters)
    {
        string lo = column + "_lo", hi = column + "_hi";
        var ranges = criterion.Values.Select(v => DateRange.TryParse(v, out var r) ? r : throw new ArgumentException($"'{v}' is not a date")).ToList();
        for (var i = 0; i < ranges.Count; i++)
        {
            parameters.Add($"{name}a{i}", ranges[i].First);
            parameters.Add($"{name}b{i}", ranges[i].Last);
        }
        var overlaps = string.Join(" OR ", ranges.Select((_, i) => $"({hi} >= @{name}a{i} AND {lo} <= @{name}b{i})"));
        return criterion.Op switch
        {
            Op.Eq => $"{lo} <> '' AND ({overlaps})",
            Op.Not => $"NOT ({lo} <> '' AND ({overlaps}))",
            Op.Gte => $"{lo} <> '' AND {hi} >= @{name}a0",
            Op.Gt => $"{lo} > @{name}b0",
            Op.Lte => $"{lo} <> '' AND {lo} <= @{name}b0",
            _ => $"{lo} <> '' AND {hi} < @{name}a0",
        };
    }

    static (string, string) Same(string sql) => (sql, sql);

    static string Comparison(Op op) => op switch { Op.Gte => ">=", Op.Gt => ">", Op.Lte => "<=", _ => "<" };

    /// <summary>
    /// The ORDER BY terms: the sort asked for (relevance by default when searching), then the key
    /// columns; <paramref name="rank"/> and <paramref name="key"/> say where a page reads the rank and
    /// the key when not from the full-text index and the key columns (kept top hits, the index alone).
    /// </summary>
    public IReadOnlyList<(string Sql, bool Descending)> OrderKeys(ListRequest request, string? rank = null, string? key = null)
    {
        var keys = new List<(string Sql, bool Descending)>();
        foreach (var s in request.Sort ?? [])
        {
            if (LanguageSorts.TryGetValue(s.Field, out var inLanguage)) { keys.Add((inLanguage(request.Lang), s.Descending)); continue; }
            var field = Fields[s.Field];
            if (field.Type == FieldType.Date) { keys.Add((field.Sql + "_lo", s.Descending)); keys.Add((field.Sql + "_hi", s.Descending)); }
            else keys.Add((field.Sort, s.Descending));
        }
        if (keys.Count == 0 && request.Search is not null) keys.Add((rank ?? $"{Search!.Table}.rank", false));
        // The key columns make the order total; they follow the direction of the last key so that one index serves.
        var descending = keys.Count > 0 && keys[^1].Descending;
        keys.AddRange(KeyColumns.Select(k => (key ?? k, descending)));
        return keys;
    }

    /// <summary>Rows strictly after the cursor's key in the sort order.</summary>
    static string After(IReadOnlyList<(string Sql, bool Descending)> order)
    {
        if (order.All(k => k.Descending == order[0].Descending))
            return $"({string.Join(", ", order.Select(k => k.Sql))}) {(order[0].Descending ? "<" : ">")} ({string.Join(", ", order.Select((_, i) => "@k" + i))})";
        var terms = order.Select((k, i) =>
            string.Join(" AND ", order.Take(i).Select((e, j) => $"{e.Sql} = @k{j}").Append($"{k.Sql} {(k.Descending ? "<" : ">")} @k{i}")));
        return "(" + string.Join(" OR ", terms.Select(t => $"({t})")) + ")";
    }

    /// <summary>A searched set this small is matched once for all its facets, not once per facet.</summary>
    const int HitsMatchedOnce = 5000;

    async Task<IReadOnlyDictionary<string, IReadOnlyList<FacetCount>>?> FacetsAsync(
        DbConnection connection, ListRequest request, string search, string where, DynamicParameters parameters, long total, CancellationToken ct)
    {
        if (request.Facets is not { Count: > 0 } names) return null;
        var result = new Dictionary<string, IReadOnlyList<FacetCount>>();
        // A search: each facet would match the full-text index again. Where the hits are few, their
        // keys are read once and each facet counts over them (a JSON array of at most 5,000 keys).
        var key = KeyColumns[0];
        var hits = search.Length > 0 && KeyColumns.Count == 1 && total is >= 0 and <= HitsMatchedOnce;
        if (hits)
        {
            var keys = await connection.QueryAsync<string>(new CommandDefinition(
                SqlLog.Note($"SELECT {key} FROM {Source(search, where + " " + key)} {where}"), parameters, cancellationToken: ct));
            parameters.Add("facet_hits", System.Text.Json.JsonSerializer.Serialize(keys));
        }
        foreach (var name in names)
        {
            var field = Fields[name];
            var sql = FacetSql(field);
            var valueCounts = (await connection.QueryAsync<(object? Value, long N)>(new CommandDefinition(SqlLog.Note(sql), parameters, cancellationToken: ct)))
                .Select(c => (Value: c.Value is null or "" ? null : Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture), c.N)).ToList();
            var display = await FacetNames.ForAsync(connection, field, valueCounts.Select(c => c.Value).OfType<string>().ToList(), request.Lang, ct);
            result[name] = valueCounts.Select(c => new FacetCount(c.Value, c.Value is null ? FacetNames.Unassessed(field, request.Lang) : display.GetValueOrDefault(c.Value, c.Value), c.N)).ToList();
        }
        return result;

        string FacetSql(Field field)
        {
            const string OverHits = "IN (SELECT value FROM json_each(@facet_hits))";
            // Largest first; values of the same count in the order of their bytes, whatever the
            // collation of the column they come from, so that every statement below orders them alike.
            const string Order = "ORDER BY n DESC, value COLLATE BINARY";
            // The whole set (no filter, no search): the counts the database was built with hold the
            // answer in a few rows (see commitment_count in Schema.sql: the same grouping, made once),
            // where counting reads an index of every record (about 50 ms a facet on 1,000,000 commitments).
            if (counts is not null && where.Length == 0 && search.Length == 0 && !hits)
                return $"SELECT value, n FROM {counts} WHERE field = '{field.Name}' {Order}";
            if (field.Many is not var (table, owner, value))
                return hits
                    ? $"SELECT {field.Sql} AS value, COUNT(*) AS n FROM {Source("", field.Sql + " " + key)} WHERE {key} {OverHits} GROUP BY 1 {Order}"
                    : $"SELECT {field.Sql} AS value, COUNT(*) AS n FROM {Source(search, where + " " + field.Sql)} {where} GROUP BY 1 {Order}";
            if (hits)
                return $"SELECT x.{value} AS value, COUNT(DISTINCT x.{owner}) AS n FROM {table} x WHERE x.{owner} {OverHits} GROUP BY x.{value} {Order}";
            // Unfiltered: the link table alone has the answer, read in its (value, owner) index order.
            if (where.Length == 0)
                return $"SELECT x.{value} AS value, COUNT(DISTINCT x.{owner}) AS n FROM {table} x GROUP BY x.{value} {Order}";
            return $"SELECT x.{value} AS value, COUNT(DISTINCT {key}) AS n FROM {Source(search, where + " " + key)} JOIN {table} x ON x.{owner} = {key} {where} GROUP BY x.{value} {Order}";
        }
    }
}

/// <summary>A query row that carries the values it was sorted by (k0, k1, ...), from which the next cursor is made.</summary>
public abstract class KeyedRow
{
    public object? K0 { get; set; }
    public object? K1 { get; set; }
    public object? K2 { get; set; }
    public object? K3 { get; set; }
    public object? K4 { get; set; }
    public object? K5 { get; set; }
    public object? K6 { get; set; }
    public object? K7 { get; set; }

    /// <summary>The text of the search hit with the matched words in &lt;mark&gt;, where the list was searched.</summary>
    public string? Snippet { get; set; }

    /// <summary>The row of the full-text index that matched, where the list was searched.</summary>
    public long? SearchRow { get; set; }

    /// <summary>How many hits the search has, where the page's statement counted them (a first page of a search of the index alone).</summary>
    public long? Total { get; set; }

    public IReadOnlyList<object> Keys(int count) =>
        new[] { K0, K1, K2, K3, K4, K5, K6, K7 }.Take(count).Select(k => k ?? throw new InvalidOperationException("a sort key is null")).ToList();

    /// <summary>Sets sort value k<paramref name="i"/>.</summary>
    internal void SetKey(int i, object? value)
    {
        switch (i)
        {
            case 0: K0 = value; break;
            case 1: K1 = value; break;
            case 2: K2 = value; break;
            case 3: K3 = value; break;
            case 4: K4 = value; break;
            case 5: K5 = value; break;
            case 6: K6 = value; break;
            case 7: K7 = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(i), "A row carries at most eight sort values.");
        }
    }
}

/// <summary>A row of a page's keys alone (the rendered path): the record's id (selected AS id), its sort values and search row.</summary>
public sealed class IdRow : KeyedRow
{
    public string Id { get; set; } = "";
}
