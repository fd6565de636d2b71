using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OpenGov.Data.Listing;

/// <summary>
/// The opaque page token: the key of the last row served, bound to the collection and filters it
/// was made for. A token used with other filters, or altered, does not decode.
/// </summary>
public static class Cursor
{
    /// <summary>What a page depends on besides its position: collection, filters, sort, and search (in its language).</summary>
    public static string Fingerprint(Collection collection, ListRequest request)
    {
        var filters = request.Criteria
            .Select(c => c.Parameter + "=" + string.Join(",", c.Values.Select(v => v.ToLowerInvariant()).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal);
        var sort = string.Join(",", (request.Sort ?? []).Select(s => (s.Descending ? "-" : "") + s.Field));
        var search = request.Search is null ? "" : $"{request.Lang}:{request.Search}";
        // A sort by a text in the language asked for continues only in that language: its keys are that language's words.
        var inLanguage = (request.Sort ?? []).Any(s => collection.LanguageSorts.ContainsKey(s.Field)) ? "&lang=" + request.Lang : "";
        var canonical = $"{collection.Name}?{string.Join("&", filters)}&sort={sort}&q={search}{inLanguage}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
    }

    /// <summary>A token for the page after <paramref name="key"/>, bound to the query and carrying the release it was read from.</summary>
    public static string Encode(IReadOnlyList<object> key, string fingerprint, string? release = null)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Token(fingerprint, key.ToArray(), release));
        return Base64Url(payload) + "." + Check(payload);
    }

    /// <summary>The release a token was issued on (its pages continue on it), or null for a token without one or not of this API.</summary>
    public static string? ReleaseOf(string token)
    {
        if (Payload(token) is not { } payload) return null;
        try
        {
            var decoded = JsonSerializer.Deserialize<JsonElement>(payload);
            return decoded.ValueKind == JsonValueKind.Object && decoded.TryGetProperty("r", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The token's payload where its checksum holds, else null.</summary>
    static byte[]? Payload(string token)
    {
        var dot = token.IndexOf('.');
        if (dot < 0) return null;
        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(Pad(token[..dot].Replace('-', '+').Replace('_', '/')));
        }
        catch (FormatException)
        {
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token[(dot + 1)..]), Encoding.ASCII.GetBytes(Check(payload))) ? payload : null;
    }

    /// <summary>The key in <paramref name="token"/>, or null with the reason it cannot be used.</summary>
    public static IReadOnlyList<object>? Decode(string token, string fingerprint, out string? error)
    {
        error = "The cursor is not one this API issued, or it was changed; start again without a cursor.";
        if (Payload(token) is not { } payload) return null;
        var decoded = JsonSerializer.Deserialize<JsonElement>(payload);
        if (decoded.GetProperty("f").GetString() != fingerprint)
        {
            error = "The cursor belongs to another query: keep the same filters while paging, or start again without a cursor.";
            return null;
        }
        error = null;
        return decoded.GetProperty("k").EnumerateArray()
            .Select(e => e.ValueKind != JsonValueKind.Number ? e.GetString()! : e.TryGetInt64(out var n) ? n : (object)e.GetDouble())
            .ToList();
    }

    sealed record Token(
        [property: System.Text.Json.Serialization.JsonPropertyName("f")] string Fingerprint,
        [property: System.Text.Json.Serialization.JsonPropertyName("k")] object[] Key,
        [property: System.Text.Json.Serialization.JsonPropertyName("r"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Release);

    // A checksum against accidental or casual edits; cursors carry nothing secret.
    static string Check(byte[] payload) =>
        Base64Url(SHA256.HashData([.. Encoding.ASCII.GetBytes("opengov-cursor-v1:"), .. payload])[..9]);

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static string Pad(string s) => s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
}
