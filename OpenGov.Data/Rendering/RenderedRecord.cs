using System.Text.Json;

namespace OpenGov.Data.Rendering;

/// <summary>
/// A record made into its JSON once (for one data version and language): the bytes a page copies
/// into its answer, where each top-level key's value lies in them (so that ?fields= copies slices
/// without reading the rest), and the language the record was served in (for Content-Language).
/// </summary>
public sealed class RenderedRecord
{
    /// <summary>A top-level key: its name as the writer takes it, and where its value lies in the record's bytes.</summary>
    readonly record struct Key(string Name, JsonEncodedText Encoded, int Start, int Length);

    readonly Key[] keys;

    public RenderedRecord(string id, byte[] json, string lang)
    {
        (Id, Json, Lang) = (id, json, lang);
        keys = KeysOf(json);
    }

    public string Id { get; }
    public byte[] Json { get; }
    public string Lang { get; }

    /// <summary>The key of a search hit's passage: rendered records hold null there, a search page writes its own.</summary>
    public const string SnippetKey = "snippet";

    /// <summary>
    /// Writes the record as it would be serialised with only the top-level keys of
    /// <paramref name="fields"/> (all where null; a set where a page writes many records), in the record's order, and with
    /// <paramref name="snippet"/> as its "snippet" where given. The values' bytes are copied as they
    /// are: never parsed into objects, never serialised again.
    /// </summary>
    public void WriteTo(Utf8JsonWriter writer, IReadOnlyCollection<string>? fields = null, string? snippet = null)
    {
        if (fields is null && snippet is null)
        {
            writer.WriteRawValue(Json, skipInputValidation: true);
            return;
        }
        writer.WriteStartObject();
        foreach (var key in keys)
        {
            if (fields is not null && !fields.Contains(key.Name)) continue;
            writer.WritePropertyName(key.Encoded);
            if (snippet is not null && key.Name == SnippetKey) writer.WriteStringValue(snippet);
            else writer.WriteRawValue(Json.AsSpan(key.Start, key.Length), skipInputValidation: true);
        }
        writer.WriteEndObject();
    }

    /// <summary>Each top-level key of a JSON object and the span of its value, read once when the record is made.</summary>
    static Key[] KeysOf(byte[] json)
    {
        var keys = new List<Key>();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            keys.Add(new Key(name, JsonEncodedText.Encode(name), start, (int)reader.BytesConsumed - start));
        }
        return [.. keys];
    }
}
