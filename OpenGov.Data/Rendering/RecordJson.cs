using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenGov.Data.Rendering;

/// <summary>
/// How records are written as JSON: the one setting the API answers with and a release compares
/// records by (Releases/ChangeFinder.cs), so that a change is a difference a client would see.
/// </summary>
public static class RecordJson
{
    /// <summary>A ready instance, for code that serialises records outside the web host.</summary>
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.DictionaryKeyPolicy = null;
        // Accents and quotes as themselves, not \u00e9: people read these answers in a terminal.
        json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        // A JSON answer up to a megabyte leaves in one write (the buffer is pooled). Compressed as the
        // serializer flushed it, every 16 KB, a page of 50 commitments was half as large again in
        // Brotli (32 KB against 21 KB in one piece); the answer cache keeps the bytes as first sent.
        json.DefaultBufferSize = 1 << 20;
        return json;
    }
}
