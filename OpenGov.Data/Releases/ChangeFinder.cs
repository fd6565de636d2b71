using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Export;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using OpenGov.Data.Rendering;

namespace OpenGov.Data.Releases;

/// <summary>One record that a release added, changed or removed; <see cref="Fields"/> is the JSON array of field changes.</summary>
public sealed record RecordChangeRow(string Collection, string Id, string Change, string? Name, string? Member, string? Fields);

/// <summary>
/// Works out what a new database changes from the one before it, record by record, as a client
/// would see it: two records differ where their JSON (in English, French or Spanish) differs, but
/// for the names of the records they refer to (a reference is {id, name}: a member renamed is a
/// change of the member, not of each of its plans and commitments).
/// Rendering every record of both files would cost as much as serving each once; instead SQL finds
/// the rows that differ, table by table (joined on their keys, compared column by column), maps
/// them to the records they are part of (a commitment is also its ratings, links and the names of
/// its plan, member, institutions), and only those candidates are rendered and compared by key.
/// </summary>
public static class ChangeFinder
{
    static readonly string[] Languages = ["en", "fr", "es"];

    /// <summary>The collections whose records have ids, in the order their changes are listed.</summary>
    public static readonly IReadOnlyList<string> Collections =
        ["members", "action-plans", "commitments", "milestones", "irm-ratings", "irm-reports", "institutions", "policy-areas"];

    /// <summary>
    /// The changes from <paramref name="oldPath"/> to <paramref name="newPath"/>. <paramref name="connection"/>
    /// is open on the new file, with the old one attached as <c>old</c>.
    /// </summary>
    public static async Task<List<RecordChangeRow>> FindAsync(SqliteConnection connection, string oldPath, string newPath)
    {
        var candidates = BuildTimings.Measure("release: candidate rows", () => Candidates(oldPath, newPath));
        var oldDb = new Db(oldPath, pooling: false);
        var newDb = new Db(newPath, pooling: false);
        // A record with no text in a language is served in its source language: where neither file has
        // a word of French (or Spanish), the French answers are the English ones and need no rendering.
        var languages = new List<string>();
        foreach (var lang in Languages)
            if (lang == "en" || HasText(connection, "main", lang) || HasText(connection, "old", lang)) languages.Add(lang);
        var changes = new List<RecordChangeRow>();
        foreach (var collection in Collections)
        {
            var ids = candidates[collection].Order(StringComparer.OrdinalIgnoreCase).ToList();
            if (ids.Count == 0) continue;
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            changes.AddRange(await CompareAsync(collection, ids, oldDb, newDb, languages));
            BuildTimings.Report($"release: compare {ids.Count} {collection}", System.Diagnostics.Stopwatch.GetElapsedTime(start));
        }
        return changes;
    }

    /// <summary>
    /// The tables a collection's records are made of, by collection, with the column that holds the
    /// record's id (for milestones and ratings, their commitment's: every milestone or rating of a
    /// candidate commitment is compared). commitment_filter is left out: it is derived from the
    /// commitment and rating rows, whose differences are found anyway.
    /// </summary>
    static readonly (string Collection, string Table, string Key)[] Sources =
    [
        ("members", "member", "id"), ("institutions", "institution", "id"), ("policy-areas", "policy_area", "id"),
        ("action-plans", "action_plan", "id"), ("irm-reports", "irm_report", "id"),
        ("commitments", "commitment", "id"), ("commitments", "commitment_institution", "commitment_id"),
        ("commitments", "commitment_policy_area", "commitment_id"),
        // A commitment shows its ratings (with their values, notes and raw texts); so does each rating.
        ("commitments", "irm_rating", "commitment_id"), ("commitments", "irm_rating_ogp_value", "commitment_id"),
        ("commitments", "irm_note", "commitment_id"), ("commitments", "irm_rating_raw", "commitment_id"),
        ("irm-ratings", "irm_rating", "commitment_id"), ("irm-ratings", "irm_rating_ogp_value", "commitment_id"),
        ("irm-ratings", "irm_note", "commitment_id"), ("irm-ratings", "irm_rating_raw", "commitment_id"),
        ("milestones", "milestone", "commitment_id"),
    ];

    /// <summary>
    /// By collection, the ids of records that may differ (a superset; rendering decides): each table's
    /// differing keys, worked out once per table, the tables side by side on connections of their own
    /// (each a join of two files, bound by one core).
    /// </summary>
    static Dictionary<string, HashSet<string>> Candidates(string oldPath, string newPath)
    {
        var differing = new System.Collections.Concurrent.ConcurrentDictionary<string, List<string>>();
        var tables = Sources.Select(s => (s.Table, s.Key)).Distinct().ToList();
        Parallel.ForEach(tables, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, t =>
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            using var c = new SqliteConnection(Db.ConnectionString(newPath, SqliteOpenMode.ReadOnly, pooling: false));
            c.Open();
            c.Execute("ATTACH DATABASE @oldPath AS old", new { oldPath });
            // Both files are read through: a page cache as large as the build's (64 MB), not SQLite's default 2 MB.
            c.Execute("PRAGMA main.cache_size = -65536; PRAGMA old.cache_size = -65536; PRAGMA temp_store = MEMORY");
            differing[t.Table] = c.Query<string>(DiffSql(c, t.Table, t.Key)).ToList();
            BuildTimings.Report($"release: rows of {t.Table}", System.Diagnostics.Stopwatch.GetElapsedTime(start));
        });
        return Collections.ToDictionary(c => c, c => Sources.Where(s => s.Collection == c)
            .SelectMany(s => differing[s.Table]).ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Whether any row of <paramref name="schema"/> has text in <paramref name="lang"/>, or was written in it.</summary>
    static bool HasText(SqliteConnection c, string schema, string lang)
    {
        var tables = c.Query<string>($"SELECT name FROM {schema}.sqlite_schema WHERE type = 'table' AND name NOT GLOB 'sqlite_*' AND name NOT GLOB '*search*'").ToList();
        foreach (var table in tables)
        {
            var columns = c.Query<string>($"SELECT name FROM pragma_table_xinfo('{table}', '{schema}') WHERE hidden = 0").ToList();
            var conditions = columns.Where(n => n.EndsWith("_" + lang, StringComparison.Ordinal)).Select(n => $"{n} IS NOT NULL")
                .Concat(columns.Contains("source_lang") ? [$"source_lang = '{lang}'"] : []).ToList();
            if (conditions.Count > 0 && c.ExecuteScalar<bool>($"SELECT EXISTS (SELECT 1 FROM {schema}.{table} WHERE {string.Join(" OR ", conditions)})"))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The keys (<paramref name="key"/>, a column) of the rows of <paramref name="table"/> that are new,
    /// gone or different: joined on the primary key, every stored column compared (generated ones are
    /// computed from those). A join on the key reads each file once in key order, far less than
    /// sorting both tables whole as EXCEPT would.
    /// </summary>
    static string DiffSql(SqliteConnection c, string table, string key)
    {
        var columns = c.Query<(long Cid, string Name, string Type, long NotNull, string? Default, long Pk, long Hidden)>($"PRAGMA main.table_xinfo({table})").ToList();
        var stored = columns.Where(x => x.Hidden == 0).Select(x => x.Name).ToList();
        var pk = columns.Where(x => x.Pk > 0).OrderBy(x => x.Pk).Select(x => x.Name).ToList();
        var join = string.Join(" AND ", pk.Select(k => $"o.{k} = n.{k}"));
        string Row(string alias) => "(" + string.Join(", ", stored.Select(s => $"{alias}.{s}")) + ")";
        return $"""
            SELECT n.{key} FROM main.{table} n LEFT JOIN old.{table} o ON {join} WHERE o.{pk[0]} IS NULL OR {Row("n")} IS NOT {Row("o")}
            UNION SELECT o.{key} FROM old.{table} o WHERE NOT EXISTS (SELECT 1 FROM main.{table} n WHERE {join})
            """;
    }

    /// <summary>Renders the candidates in both files, in every language, and keeps those that differ.</summary>
    static async Task<List<RecordChangeRow>> CompareAsync(string collection, List<string> candidates, Db oldDb, Db newDb, List<string> languages)
    {
        Dictionary<string, JsonElement>? oldEn = null, newEn = null;
        var fields = new Dictionary<string, List<(string Field, string Lang, JsonElement Before, JsonElement After)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var lang in languages)
        {
            var before = await RenderAsync(collection, oldDb, candidates, lang, ReadScope.Current());
            var after = await RenderAsync(collection, newDb, candidates, lang, ReadScope.Current());
            if (lang == "en") (oldEn, newEn) = (before, after);
            foreach (var (id, now) in after)
            {
                if (!before.TryGetValue(id, out var was)) continue;
                var list = fields.GetValueOrDefault(id);
                foreach (var property in now.EnumerateObject())
                {
                    var old = was.TryGetProperty(property.Name, out var o) ? o : default;
                    if (old.ValueKind != JsonValueKind.Undefined && Canonical(old) == Canonical(property.Value)) continue;
                    if (list?.Any(f => f.Field == property.Name) == true) continue;
                    (list ??= fields[id] = []).Add((property.Name, lang, old, property.Value));
                }
            }
        }
        var members = await MembersAsync(collection, oldDb, newDb, oldEn!.Keys.Concat(newEn!.Keys));
        var changes = new List<RecordChangeRow>();
        foreach (var id in newEn.Keys.Union(oldEn.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            var inOld = oldEn.TryGetValue(id, out var was);
            var inNew = newEn.TryGetValue(id, out var now);
            var record = inNew ? now : was;
            var member = members?.GetValueOrDefault(id) ?? RecordNames.MemberOf(collection, record);
            // Named as the release that made the change has the record; a removed one, as the last that had it.
            if (!inOld) changes.Add(new(collection, id, "added", RecordNames.Of(record), member, null));
            else if (!inNew) changes.Add(new(collection, id, "removed", RecordNames.Of(record), member, null));
            else if (fields.TryGetValue(id, out var differ))
                changes.Add(new(collection, id, "changed", RecordNames.Of(record), member, FieldsJson(differ)));
        }
        return changes;
    }

    /// <summary>The value as compared: its JSON with each reference ({id, name}) reduced to its id.</summary>
    static string Canonical(JsonElement value)
    {
        if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)) return value.GetRawText();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) WriteCanonical(json, value);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    static void WriteCanonical(Utf8JsonWriter json, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when IsReference(value):
                json.WriteStartObject();
                json.WritePropertyName("id");
                value.GetProperty("id").WriteTo(json);
                json.WriteEndObject();
                break;
            case JsonValueKind.Object:
                json.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    json.WritePropertyName(property.Name);
                    WriteCanonical(json, property.Value);
                }
                json.WriteEndObject();
                break;
            case JsonValueKind.Array:
                json.WriteStartArray();
                foreach (var item in value.EnumerateArray()) WriteCanonical(json, item);
                json.WriteEndArray();
                break;
            default:
                value.WriteTo(json);
                break;
        }
    }

    static bool IsReference(JsonElement value)
    {
        var names = value.EnumerateObject().Select(p => p.Name).ToList();
        return names.Count == 2 && names.Contains("id") && names.Contains("name");
    }

    static string FieldsJson(List<(string Field, string Lang, JsonElement Before, JsonElement After)> differ)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = RecordJson.Options.Encoder }))
        {
            json.WriteStartArray();
            foreach (var (field, lang, before, after) in differ)
            {
                json.WriteStartObject();
                json.WriteString("field", field);
                json.WriteString("lang", lang);
                json.WritePropertyName("before");
                if (before.ValueKind == JsonValueKind.Undefined) json.WriteNullValue(); else before.WriteTo(json);
                json.WritePropertyName("after");
                after.WriteTo(json);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Milestones and ratings name their commitment, not its member: looked up by commitment, in the new file then the old.</summary>
    static async Task<Dictionary<string, string>?> MembersAsync(string collection, Db oldDb, Db newDb, IEnumerable<string> ids)
    {
        if (collection is not ("milestones" or "irm-ratings")) return null;
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var byCommitment = ids.Distinct(StringComparer.OrdinalIgnoreCase).GroupBy(CommitmentOf, StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var db in new[] { oldDb, newDb })
        {
            await using var c = await db.OpenReadAsync(ReadScope.Current());
            var found = (await c.QueryAsync<(string Id, string Member)>("SELECT id, member_id FROM commitment WHERE id IN (SELECT value FROM json_each(@ids))",
                new { ids = Db.IdList(byCommitment.Select(g => g.Key)) })).ToDictionary(r => r.Id, r => r.Member, StringComparer.OrdinalIgnoreCase);
            foreach (var group in byCommitment)
                if (found.TryGetValue(group.Key, out var member))
                    foreach (var id in group) result[id] = member;
        }
        return result;
    }

    // UK0075-1 (a milestone), UK0075-end_of_term (a rating): the commitment's id is before the last '-'.
    static string CommitmentOf(string id) => id[..Math.Max(0, id.LastIndexOf('-'))];

    const int Batch = 500;

    /// <summary>
    /// The JSON of the records of <paramref name="candidates"/> that exist in <paramref name="db"/>, by id,
    /// as the API serves them in <paramref name="lang"/>.
    /// </summary>
    internal static async Task<Dictionary<string, JsonElement>> RenderAsync(string collection, Db db, IReadOnlyList<string> candidates, string lang,
        ReadScope read)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var batch in candidates.Chunk(Batch))
        {
            IEnumerable<object> records = collection switch
            {
                "commitments" => await new CommitmentQueries(db).ByIdsAsync(batch, lang, read),
                "members" => (await new MemberQueries(db).ListAsync(ById(batch, lang), read)).Items,
                "action-plans" => (await new ActionPlanQueries(db).ListAsync(ById(batch, lang), read)).Items,
                "institutions" => (await new InstitutionQueries(db).ListAsync(ById(batch, lang), read)).Items,
                "policy-areas" => (await new PolicyAreaQueries(db).ListAsync(ById(batch, lang), read)).Items,
                "irm-reports" => (await new IrmReportQueries(db).ListAsync(ById(batch, lang), read)).Items,
                "milestones" => await AllAsync(new MilestoneQueries(db).ListAsync, ByCommitment(batch, lang), read),
                "irm-ratings" => await AllAsync(new IrmRatingQueries(db).ListAsync, ByCommitment(batch, lang), read),
                _ => throw new ArgumentException($"No records are compared for {collection}."),
            };
            foreach (var record in records)
            {
                var json = JsonSerializer.SerializeToElement(record, record.GetType(), RecordJson.Options);
                result[json.GetProperty("id").GetString()!] = json;
            }
        }
        return result;
    }

    static ListRequest ById(IReadOnlyList<string> ids, string lang) => new([new Criterion("id", Op.Eq, ids)], ids.Count, null, Lang: lang, CountTotal: false);

    static ListRequest ByCommitment(IReadOnlyList<string> ids, string lang) => new([new Criterion("commitment", Op.Eq, ids)], Chunks.Size, null, Lang: lang, CountTotal: false);

    static async Task<List<object>> AllAsync<T>(Func<ListRequest, ReadScope, Task<KeysetPage<T>>> query, ListRequest request, ReadScope read)
        where T : notnull
    {
        var all = new List<object>();
        await foreach (var chunk in Chunks.AllAsync(query, request, read))
            all.AddRange(chunk.Cast<object>());
        return all;
    }
}
