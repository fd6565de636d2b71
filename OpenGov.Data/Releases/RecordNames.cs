using System.Text.Json;
using OpenGov.Data.Model;

namespace OpenGov.Data.Releases;

/// <summary>
/// What a change or a history entry calls a record, and the member it names: the record's title,
/// else its name (a milestone or a rating: its commitment's title), as the record's JSON in English
/// gives it, which is what ?release= of the entry's release serves by default. One definition for
/// the changes worked out when a release is published (<see cref="ChangeFinder"/>) and for the
/// entries a history makes up for the first release, which keeps no row per record it added.
/// </summary>
public static class RecordNames
{
    /// <summary>The keys a record's name is read from, in the order <see cref="Of"/> reads them.</summary>
    static readonly string[] NameKeys = ["title", "name"];

    public static string? Of(JsonElement record)
    {
        foreach (var key in NameKeys)
            if (record.TryGetProperty(key, out var name) && name.ValueKind == JsonValueKind.String) return name.GetString();
        return record.TryGetProperty("commitment", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("name", out var cn) ? cn.GetString() : null;
    }

    public static string? MemberOf(string collection, JsonElement record) =>
        collection == "members" ? record.GetProperty("id").GetString()
        : record.TryGetProperty("member", out var m) && m.ValueKind == JsonValueKind.Object ? m.GetProperty("id").GetString()
        : null;

    /// <summary>
    /// The name the record had in the release before <paramref name="change"/>: where the change
    /// altered the key the name is read from (in English, the language changes are named in), the
    /// value before; otherwise the change's own name, which a change that did not touch it shares
    /// with the release before (and a removal is named as the last release that had the record).
    /// </summary>
    public static string? Before(RecordChange change)
    {
        foreach (var key in NameKeys)
            if (change.Fields?.FirstOrDefault(f => f.Field == key && f.Lang == "en") is { } renamed)
                return renamed.Before.ValueKind == JsonValueKind.String ? renamed.Before.GetString() : null;
        return change.Name;
    }

    /// <summary>
    /// A record's id, name and member as the release read serves it (rendered as the API renders it,
    /// so that a record with no English text is named in its own language, as ?release= names it);
    /// null where the release has no such record.
    /// </summary>
    public static async Task<(string Id, string? Name, string? Member)?> CurrentAsync(Db db, string collection, string id, ReadScope read)
    {
        var found = await ChangeFinder.RenderAsync(collection, db, [id], "en", read);
        return found.Values.FirstOrDefault() is { ValueKind: JsonValueKind.Object } record
            ? (record.GetProperty("id").GetString()!, Of(record), MemberOf(collection, record))
            : null;
    }
}
