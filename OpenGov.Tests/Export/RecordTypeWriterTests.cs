using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OpenGov.Data.Export;
using OpenGov.Data.Model;
using OpenGov.Data.Rendering;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Export;

/// <summary>
/// Every record type a collection lists, and types with the members that the JSON writes otherwise
/// than their type says (a [JsonIgnore] or set-only property, an object-typed member, a JsonElement,
/// a polymorphic type, a converter of the property's own, a key left out for its default, a type
/// inside itself), written as CSV and NDJSON by <see cref="RecordWriter{T}"/>: with nulls at the top,
/// nulls one level down, and every member filled in. The CSV's columns are the JSON's keys and each
/// cell is the value its column's path leads to in the JSON, as the contract says CSV writes it.
/// </summary>
public sealed class RecordTypeWriterTests
{
    /// <summary>What is there: at which depths a record, list, map or text exists (0 is the record written).</summary>
    public sealed record Shape(string Name, Func<int, bool> Present)
    {
        public override string ToString() => Name;
    }

    static readonly Shape[] Shapes =
    [
        new("nulls", depth => depth == 0),
        new("nested nulls", depth => depth <= 1),
        new("filled", _ => true),
    ];

    static readonly JsonSerializerOptions Options = RecordJson.Options;

    /// <summary>The records of the collections under /v1: every record type of the model that is served in a language.</summary>
    static IEnumerable<Type> CollectionRecords() => typeof(ILocalizedResource).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, Namespace: "OpenGov.Data.Model" } && typeof(ILocalizedResource).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal);

    static IEnumerable<TestCaseData> Cases() =>
        from type in CollectionRecords().Concat([typeof(Oddities)])
        from shape in Shapes
        select new TestCaseData(type, shape).SetArgDisplayNames(type.Name, shape.Name);

    [Test]
    public void EveryCollectionsRecordTypeIsWritten() =>
        Assert.That(CollectionRecords().Select(t => t.Name), Is.SupersetOf(new[]
            { "ActionPlan", "Commitment", "Institution", "IrmRating", "IrmReport", "Member", "Milestone", "PolicyArea", "RecordChange", "Release" }));

    [TestCaseSource(nameof(Cases))]
    public async Task TheCsvAndNdjsonOfARecordSayWhatItsJsonSays(Type type, Shape shape)
    {
        var record = Make(type, shape, 0)!;
        var json = JsonNode.Parse(JsonSerializer.Serialize(record, type, Options))!.AsObject();
        var (csv, ndjson) = await (Task<(byte[], byte[])>)typeof(RecordTypeWriterTests).GetMethod(nameof(Write), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [record])!;

        var lines = Encoding.UTF8.GetString(ndjson).Split('\n');
        Assert.That(lines, Has.Length.EqualTo(2), "one line");
        Assert.That(lines[1], Is.Empty, "the line is ended");
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(lines[0]), json), Is.True, lines[0]);

        var columns = Table.For(type, Options).Columns;
        var (header, rows) = CsvText.Read(csv);
        Assert.That(header, Is.EqualTo(columns.Select(c => c.Name)));
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < columns.Count; i++)
                Assert.That(rows[0][i], Is.EqualTo(Cell(At(json, columns[i].Path))), $"{type.Name} column {columns[i].Name}");
        });
        if (shape.Name == "filled")
            Assert.That(columns.Select(c => string.Join('.', c.Path)), Is.EquivalentTo(LeafPaths(json, columns)),
                "every key of the JSON has a column, and every column a key");
    }

    static async Task<(byte[] Csv, byte[] Ndjson)> Write<T>(T record)
    {
        async Task<byte[]> As(RecordFormat format)
        {
            using var stream = new MemoryStream();
            var writer = new RecordWriter<T>(stream, format, Options, null);
            await writer.WriteAsync([record], CancellationToken.None);
            return stream.ToArray();
        }
        return (await As(RecordFormat.Csv), await As(RecordFormat.Ndjson));
    }

    /// <summary>The value at a column's path in the JSON; null where a key on the way is null or absent.</summary>
    static JsonNode? At(JsonObject json, IReadOnlyList<string> path)
    {
        JsonNode? node = json;
        foreach (var key in path) node = node is JsonObject o ? o[key] : null;
        return node;
    }

    /// <summary>A cell as the contract says CSV writes a JSON value, worked out here from the JSON alone.</summary>
    static string Cell(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v => v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString(Options),
        JsonArray a when a.All(v => v is null or JsonValue) => string.Join("; ", a.Select(Cell)),
        JsonArray a when a.All(v => v is JsonObject o && o.ContainsKey("id")) => string.Join("; ", a.Select(v => Cell(v!["id"]))),
        _ => value.ToJsonString(Options),
    };

    /// <summary>The JSON's keys, as dotted paths, down into objects where the table has columns below them.</summary>
    static IEnumerable<string> LeafPaths(JsonObject json, IReadOnlyList<Column> columns, string prefix = "")
    {
        foreach (var (key, value) in json)
        {
            var path = prefix + key;
            if (value is JsonObject inner && columns.Any(c => string.Join('.', c.Path).StartsWith(path + ".", StringComparison.Ordinal)))
                foreach (var leaf in LeafPaths(inner, columns, path + ".")) yield return leaf;
            else
                yield return path;
        }
    }

    /// <summary>
    /// A value of <paramref name="type"/> as <paramref name="shape"/> has it at <paramref name="depth"/>:
    /// a record by its widest constructor, a list or map of one item, text with a comma and quotes; where
    /// it is not there, null, a value type's default, and a JSON null for a JsonElement (what a change's
    /// before is for a key that was not there).
    /// </summary>
    static object? Make(Type type, Shape shape, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying) return shape.Present(depth) ? Make(underlying, shape, depth) : null;
        if (type == typeof(JsonElement))
            return JsonDocument.Parse(shape.Present(depth) ? """{"value":"a, \"b\"","n":[1,2]}""" : "null").RootElement.Clone();
        if (type.IsValueType && !shape.Present(depth)) return Activator.CreateInstance(type);
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1);
        if (type == typeof(bool)) return true;
        if (type == typeof(int)) return 7;
        if (type == typeof(long)) return 7L;
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 12, 3, 16, 43, 0, TimeSpan.Zero);
        if (!shape.Present(depth) || depth > 4) return null;
        if (type == typeof(string)) return "text, with \"quotes\"";
        if (type == typeof(object)) return new Ref("an-id", "A name");
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            var map = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(type.GetGenericArguments()))!;
            map["key"] = Make(type.GetGenericArguments()[1], shape, depth + 1);
            return map;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type.GetGenericArguments()))!;
            list.Add(Make(type.GetGenericArguments()[0], shape, depth + 1));
            return list;
        }
        // A polymorphic type as one of its derived types: the JSON then has that type's keys and its discriminator.
        type = type.GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).FirstOrDefault() ?? type;
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(p => Make(p.ParameterType, shape, depth + 1)).ToArray());
    }

    /// <summary>Members whose JSON is not what their declared type says, or that the JSON leaves out.</summary>
    public sealed record Oddities(
        string Id, Ref? Parent, Place? Where, object? Anything, JsonElement Raw, Shape2D? Figure, Oddities? Child,
        [property: JsonConverter(typeof(JsonStringEnumConverter))] DayOfWeek Day,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int LeftOutWhenZero,
        IReadOnlyDictionary<string, long>? Counts, IReadOnlyList<Ref>? Refs, IReadOnlyList<string>? Words)
    {
        [JsonIgnore] public string Lang => "en";

        public string WriteOnly { set { } }
    }

    /// <summary>A struct of its own keys, nullable where it is used.</summary>
    public readonly record struct Place(int X, int Y);

    /// <summary>A polymorphic type: its JSON has the keys of the value's own type and a discriminator.</summary>
    [JsonDerivedType(typeof(Circle), "circle")]
    public record Shape2D(string Name);

    public sealed record Circle(string Name, int Radius) : Shape2D(Name);
}
