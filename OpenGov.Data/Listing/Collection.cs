using System.Data.Common;
using Dapper;

namespace OpenGov.Data.Listing;

/// <summary>
/// A listable table: the FROM clause, the key columns that order it (the last one unique, so the
/// order is total), and the whitelist of filters. Pages are keyset pages: the next page starts
/// after the last key seen, so a page costs the same anywhere in the list and rows never repeat.
/// </summary>
public sealed class Collection(string name, string from, IReadOnlyList<string> keyColumns, IReadOnlyList<Filter> filters)
{
    public string Name { get; } = name;

    public IReadOnlyDictionary<string, Filter> Filters { get; } =
        filters.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public IReadOnlyList<string> KeyColumns { get; } = keyColumns;

    /// <summary>Runs the page query and the count; <paramref name="key"/> gives a row's key values.</summary>
    public async Task<KeysetPage<TRow>> ListAsync<TRow>(
        DbConnection connection, string select, ListRequest request, Func<TRow, object[]> key, CancellationToken ct)
    {
        var (where, parameters) = Where(request.Criteria);
        var order = string.Join(", ", KeyColumns);
        var after = "";
        if (request.After is { } last)
        {
            after = $"{(where.Length == 0 ? "WHERE" : " AND")} ({order}) > ({string.Join(", ", last.Select((_, i) => "@after" + i))})";
            for (var i = 0; i < last.Count; i++) parameters.Add("after" + i, last[i]);
        }
        parameters.Add("take", request.Limit + 1);

        var rows = request.Limit == 0
            ? []
            : (await connection.QueryAsync<TRow>(new CommandDefinition(
                $"SELECT {select} FROM {from} {where}{after} ORDER BY {order} LIMIT @take", parameters, cancellationToken: ct))).ToList();
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {from} {where}", parameters, cancellationToken: ct));

        IReadOnlyList<object>? next = null;
        if (rows.Count > request.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = key(rows[^1]);
        }
        return new KeysetPage<TRow>(rows, total, next);
    }

    (string Where, DynamicParameters Parameters) Where(IReadOnlyList<Criterion> criteria)
    {
        var parameters = new DynamicParameters();
        var conditions = new List<string>();
        for (var i = 0; i < criteria.Count; i++)
        {
            var filter = Filters.TryGetValue(criteria[i].Name, out var f)
                ? f
                : throw new ArgumentException($"{Name} has no filter '{criteria[i].Name}'");
            var values = criteria[i].Values.Select(v => filter.Convert(v) ?? throw new ArgumentException(
                $"'{v}' is not a valid {filter.Name}: expected {filter.Expected}")).ToArray();
            conditions.Add("(" + filter.Condition.Replace("@values", "@f" + i, StringComparison.Ordinal) + ")");
            parameters.Add("f" + i, values);
        }
        return (conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions), parameters);
    }
}
