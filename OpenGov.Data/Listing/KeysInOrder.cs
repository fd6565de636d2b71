using System.Data.Common;

namespace OpenGov.Data.Listing;

/// <summary>
/// Every key of a collection in its list's order, read once per release file (for at most
/// <see cref="MaxKeys"/>): a page of the whole list in key order (no filter, no search, the default
/// sort; what an app syncing the collection reads page after page) is then a slice of it, and its
/// total the keys' count, where SQL read the page's rows and counted the list at every request.
/// The keys are read by the list's own ORDER BY, so they are in the order of the key's collation;
/// a page starts after its cursor's key, found by its exact value (a cursor is made from a key of
/// the page before it; one this list does not hold is left to SQL).
/// </summary>
public sealed class KeysInOrder
{
    /// <summary>A larger list is paged by SQL: holding its keys would cost about 100 bytes each.</summary>
    public const int MaxKeys = 100_000;

    readonly string[] keys;
    readonly Dictionary<string, int> positions;

    KeysInOrder(string[] keys)
    {
        this.keys = keys;
        positions = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++) positions[keys[i]] = i;
    }

    public int Count => keys.Length;

    /// <summary>
    /// The keys <paramref name="sql"/> gives (one text column, in the list's order, with LIMIT
    /// <see cref="MaxKeys"/> + 1), or null where there are more, or a key is not text or repeats.
    /// </summary>
    public static KeysInOrder? Read(DbConnection connection, string sql)
    {
        var keys = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = SqlLog.Note(sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (keys.Count == MaxKeys || reader.IsDBNull(0) || reader.GetValue(0) is not string key) return null;
            keys.Add(key);
        }
        var list = new KeysInOrder([.. keys]);
        return list.positions.Count == keys.Count ? list : null;
    }

    /// <summary>
    /// The first <paramref name="take"/> keys after <paramref name="after"/> (from the first where
    /// null) and how many keys there are; null where <paramref name="after"/> is not one of the keys.
    /// </summary>
    public (ArraySegment<string> Page, long Total)? Page(string? after, int take)
    {
        var start = 0;
        if (after is not null)
        {
            if (!positions.TryGetValue(after, out var at)) return null;
            start = at + 1;
        }
        return (new ArraySegment<string>(keys, start, Math.Min(take, keys.Length - start)), keys.Length);
    }
}
