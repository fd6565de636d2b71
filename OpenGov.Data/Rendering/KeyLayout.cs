using System.Collections.Concurrent;
using System.Text.Json;

namespace OpenGov.Data.Rendering;

/// <summary>
/// The top-level keys of rendered records, in order, shared by every record with the same ones: nulls
/// are written, so all the records of a collection have one layout, and ?fields= is matched against
/// it once per page (<see cref="FieldSelection"/>) instead of key by key in every record.
/// </summary>
public sealed class KeyLayout
{
    static readonly ConcurrentDictionary<string, KeyLayout> Known = new(StringComparer.Ordinal);

    /// <summary>Past this many different layouts (never reached by the API's types) a layout is made per record, not shared.</summary>
    const int MaxShared = 1_000;

    KeyLayout(string[] names)
    {
        Names = names;
        Encoded = [.. names.Select(n => JsonEncodedText.Encode(n))];
        Snippet = Array.IndexOf(names, RenderedRecord.SnippetKey);
    }

    public string[] Names { get; }
    internal JsonEncodedText[] Encoded { get; }

    /// <summary>Where the snippet key is (-1: none).</summary>
    internal int Snippet { get; }

    // The positions kept for each set of fields asked (sorted, joined), shared so that a record's last
    // projection is found again by reference; bounded, past which positions are worked out anew.
    readonly ConcurrentDictionary<string, int[]> positions = new(StringComparer.Ordinal);
    const int MaxSelections = 256;

    /// <summary>The positions of the keys in <paramref name="fields"/>, in the layout's order (<paramref name="key"/>: the fields, sorted and joined).</summary>
    internal int[] Positions(string key, HashSet<string> fields)
    {
        if (positions.TryGetValue(key, out var known)) return known;
        var kept = new List<int>();
        for (var i = 0; i < Names.Length; i++)
            if (fields.Contains(Names[i])) kept.Add(i);
        int[] made = [.. kept];
        return positions.Count < MaxSelections ? positions.GetOrAdd(key, made) : made;
    }

    internal static KeyLayout Of(List<string> names)
    {
        var key = string.Join('\n', names);
        if (Known.TryGetValue(key, out var known)) return known;
        var layout = new KeyLayout([.. names]);
        return Known.Count < MaxShared ? Known.GetOrAdd(key, layout) : layout;
    }
}
