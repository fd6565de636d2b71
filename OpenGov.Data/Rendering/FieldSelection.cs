namespace OpenGov.Data.Rendering;

/// <summary>
/// The top-level keys ?fields= keeps, as rendered records are written with them: which positions of
/// a <see cref="KeyLayout"/> they are is worked out once for the layout (a page's records share one),
/// not by looking up every key of every record.
/// </summary>
public sealed class FieldSelection
{
    readonly HashSet<string> names;
    readonly string key;
    // The layout last asked about and its kept positions, in one object so that a reader never pairs
    // one layout with another's positions.
    sealed record Kept(KeyLayout Layout, int[] Positions);
    Kept? last;

    public FieldSelection(IEnumerable<string> names)
    {
        this.names = names.ToHashSet(StringComparer.Ordinal);
        key = string.Join(',', this.names.Order(StringComparer.Ordinal));
    }

    /// <summary>The selection of <paramref name="fields"/>, or null (every key) where there are none.</summary>
    public static FieldSelection? Of(IEnumerable<string>? fields) => fields is null ? null : new FieldSelection(fields);

    /// <summary>The positions in <paramref name="layout"/> of the keys kept, in the layout's order.</summary>
    internal int[] KeysIn(KeyLayout layout)
    {
        var kept = last;
        if (kept is null || !ReferenceEquals(kept.Layout, layout)) last = kept = new Kept(layout, layout.Positions(key, names));
        return kept.Positions;
    }
}
