using System.Text.Json;

namespace OpenGov.Data.Rendering;

/// <summary>
/// A record made into its JSON once (for one data version and language): the bytes a page copies
/// into its answer, where each top-level key's value lies in them (so that ?fields= copies slices
/// without reading the rest), and the language the record was served in (for Content-Language).
/// </summary>
public sealed class RenderedRecord
{
    readonly KeyLayout layout;
    // Key i's value is Json[spans[2i] .. spans[2i] + spans[2i + 1]].
    readonly int[] spans;

    public RenderedRecord(string id, byte[] json, string lang)
    {
        (Id, Json, Lang) = (id, json, lang);
        (layout, spans) = KeysOf(json);
    }

    public string Id { get; }
    public byte[] Json { get; }
    public string Lang { get; }

    /// <summary>The key of a search hit's passage: rendered records hold null there, a search page writes its own.</summary>
    public const string SnippetKey = "snippet";

    /// <summary>
    /// Writes the record as it would be serialised with only the top-level keys of
    /// <paramref name="fields"/> (all where null), in the record's order, and with
    /// <paramref name="snippet"/> as its "snippet" where given. The values' bytes are copied as they
    /// are: never parsed into objects, never serialised again.
    /// </summary>
    public void WriteTo(Utf8JsonWriter writer, FieldSelection? fields = null, string? snippet = null)
    {
        if (fields is null && snippet is null)
        {
            writer.WriteRawValue(Json, skipInputValidation: true);
            return;
        }
        if (fields is not null && snippet is null)
        {
            writer.WriteRawValue(ProjectionOf(fields.KeysIn(layout)), skipInputValidation: true);
            return;
        }
        writer.WriteStartObject();
        if (fields is null)
            for (var i = 0; i < layout.Names.Length; i++) WriteKey(writer, i, snippet);
        else
            foreach (var i in fields.KeysIn(layout)) WriteKey(writer, i, snippet);
        writer.WriteEndObject();
    }

    /// <summary>The record with only the keys at Positions, as one run of bytes.</summary>
    sealed record Projection(int[] Positions, byte[] Json);

    // The last ?fields= projection written: a dashboard asks the same fields page after page, and one
    // copy of its bytes costs less than a property name and a value written for each key. One per
    // record, never larger than the record; positions are shared per layout and fields (see
    // KeyLayout.Positions), so the same fields find it again.
    Projection? projection;

    byte[] ProjectionOf(int[] positions)
    {
        var known = projection;
        if (known is not null && ReferenceEquals(known.Positions, positions)) return known.Json;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Json.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            foreach (var i in positions) WriteKey(writer, i, null);
            writer.WriteEndObject();
        }
        projection = known = new Projection(positions, buffer.WrittenSpan.ToArray());
        return known.Json;
    }

    void WriteKey(Utf8JsonWriter writer, int i, string? snippet)
    {
        writer.WritePropertyName(layout.Encoded[i]);
        if (snippet is not null && i == layout.Snippet) writer.WriteStringValue(snippet);
        else writer.WriteRawValue(Json.AsSpan(spans[2 * i], spans[2 * i + 1]), skipInputValidation: true);
    }

    /// <summary>Each top-level key of a JSON object and the span of its value, read once when the record is made.</summary>
    static (KeyLayout, int[]) KeysOf(byte[] json)
    {
        var names = new List<string>();
        var spans = new List<int>();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            names.Add(reader.GetString()!);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            spans.Add(start);
            spans.Add((int)reader.BytesConsumed - start);
        }
        return (KeyLayout.Of(names), [.. spans]);
    }
}
