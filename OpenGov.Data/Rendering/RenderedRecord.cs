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
        if (layout.Snippet >= 0 && !json.AsSpan(spans[2 * layout.Snippet], spans[2 * layout.Snippet + 1]).SequenceEqual(Null))
            throw new ArgumentException("A rendered record holds null as its snippet: a search page writes its own.", nameof(json));
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
        var (json, snippetAt) = fields is null ? (Json, layout.Snippet >= 0 ? spans[2 * layout.Snippet] : -1) : ProjectionOf(fields.KeysIn(layout));
        if (snippet is null || snippetAt < 0)
        {
            writer.WriteRawValue(json, skipInputValidation: true);
            return;
        }
        // The bytes with the hit's snippet in place of their null, encoded as the writer encodes a
        // string: one copy of the record, not a property name and a value written for each key.
        var encoded = JsonEncodedText.Encode(snippet, writer.Options.Encoder).EncodedUtf8Bytes;
        var length = json.Length - Null.Length + encoded.Length + 2;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        json.AsSpan(0, snippetAt).CopyTo(buffer);
        buffer[snippetAt] = (byte)'"';
        encoded.CopyTo(buffer.AsSpan(snippetAt + 1));
        buffer[snippetAt + 1 + encoded.Length] = (byte)'"';
        json.AsSpan(snippetAt + Null.Length).CopyTo(buffer.AsSpan(snippetAt + 2 + encoded.Length));
        writer.WriteRawValue(buffer.AsSpan(0, length), skipInputValidation: true);
        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
    }

    static ReadOnlySpan<byte> Null => "null"u8;

    /// <summary>The record with only the keys at Positions, as one run of bytes, and where its snippet's null lies in them (-1: not kept).</summary>
    sealed record Projection(int[] Positions, byte[] Json, int SnippetAt);

    // The last ?fields= projection written: a dashboard asks the same fields page after page, and one
    // copy of its bytes costs less than a property name and a value written for each key. One per
    // record, never larger than the record; positions are shared per layout and fields (see
    // KeyLayout.Positions), so the same fields find it again.
    Projection? projection;

    (byte[] Json, int SnippetAt) ProjectionOf(int[] positions)
    {
        var known = projection;
        if (known is not null && ReferenceEquals(known.Positions, positions)) return (known.Json, known.SnippetAt);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Json.Length);
        var snippetAt = -1;
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            foreach (var i in positions)
            {
                writer.WritePropertyName(layout.Encoded[i]);
                if (i == layout.Snippet) snippetAt = (int)(writer.BytesCommitted + writer.BytesPending);
                writer.WriteRawValue(Json.AsSpan(spans[2 * i], spans[2 * i + 1]), skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        projection = known = new Projection(positions, buffer.WrittenSpan.ToArray(), snippetAt);
        return (known.Json, known.SnippetAt);
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
