using System.Text.Json;

namespace OpenGov.Data.Rendering;

/// <summary>
/// A record made into its JSON once (for one data version and language): the bytes a page copies
/// into its answer, and the language the record was served in (for Content-Language).
/// </summary>
public sealed record RenderedRecord(string Id, byte[] Json, string Lang)
{
    /// <summary>
    /// Writes the record as it would be serialised with only the top-level keys of
    /// <paramref name="fields"/> (all where null), and with <paramref name="snippet"/> as its
    /// "snippet" where given. The bytes are copied as they are, key by key: never parsed into
    /// objects, never serialised again.
    /// </summary>
    public void WriteTo(Utf8JsonWriter writer, IReadOnlyList<string>? fields = null, string? snippet = null)
    {
        if (fields is null && snippet is null)
        {
            writer.WriteRawValue(Json, skipInputValidation: true);
            return;
        }
        var reader = new Utf8JsonReader(Json);
        reader.Read();
        writer.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (fields is not null && !fields.Contains(name)) continue;
            writer.WritePropertyName(name);
            if (snippet is not null && name == SnippetKey) writer.WriteStringValue(snippet);
            else writer.WriteRawValue(Json.AsSpan(start, (int)reader.BytesConsumed - start), skipInputValidation: true);
        }
        writer.WriteEndObject();
    }

    /// <summary>The key of a search hit's passage: rendered records hold null there, a search page writes its own.</summary>
    public const string SnippetKey = "snippet";
}
