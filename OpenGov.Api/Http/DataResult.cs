using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using OpenGov.Data.Export;

namespace OpenGov.Api.Http;

/// <summary>The records of a list as CSV or NDJSON: the format, the file name it suggests, and what writes it.</summary>
public sealed record TableBody(RecordFormat Format, string Name, Func<Stream, CancellationToken, Task> Write);

/// <summary>
/// A 200 answer whose records keep only the keys asked for with ?fields= (all of them otherwise),
/// as JSON, or as CSV or NDJSON where <paramref name="table"/> is given.
/// It tells the OpenAPI document its full type, like TypedResults.Ok does.
/// </summary>
/// <remarks>
/// A page of records rendered beforehand is written from <paramref name="rendered"/> (a
/// <see cref="Page{T}"/> of <see cref="PageRecord"/>, which keeps the ?fields= keys itself) in place
/// of <paramref name="value"/>, with the same envelope and the same bytes.
/// </remarks>
public sealed class DataResult<T>(T value, IReadOnlyList<string>? fields, TableBody? table = null, object? rendered = null) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T Value { get; } = value;
    object? IValueHttpResult.Value => Value;
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        http.Response.StatusCode = StatusCodes.Status200OK;
        if (table is not null)
        {
            http.Response.ContentType = RecordWriter<T>.MediaType(table.Format);
            var extension = table.Format == RecordFormat.Csv ? "csv" : "ndjson";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{table.Name}.{extension}\"";
            if (table.Format == RecordFormat.Csv) DescribedBy.Declare(http, table.Name, fields);
            await table.Write(http.Response.Body, QueryBudget.ClientAborted(http));
            return;
        }
        http.Response.ContentType = "application/json; charset=utf-8";
        if (rendered is not null)
        {
            // Straight into the response's pipe: a page of rendered records is mostly bytes to copy, once.
            await JsonSerializer.SerializeAsync(http.Response.BodyWriter, rendered, rendered.GetType(), options, QueryBudget.ClientAborted(http));
            return;
        }
        if (fields is null)
        {
            await JsonSerializer.SerializeAsync(http.Response.Body, Value, options, QueryBudget.ClientAborted(http));
            return;
        }
        var node = JsonSerializer.SerializeToNode(Value, options)!;
        var records = node["data"] switch { JsonArray a => a.OfType<JsonObject>(), JsonObject o => [o], _ => [] };
        foreach (var record in records)
            foreach (var key in record.Select(p => p.Key).Where(k => !fields.Contains(k)).ToList())
                record.Remove(key);
        await JsonSerializer.SerializeAsync(http.Response.Body, node, options, QueryBudget.ClientAborted(http));
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));

    /// <summary>The JSON keys of <typeparamref name="TRecord"/>: what ?fields= may name.</summary>
    public static IReadOnlyList<string> KeysOf<TRecord>(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        // Made once per type and settings, not per request.
        if (KeysOfType<TRecord>.Known is { } known && ReferenceEquals(known.Options, options)) return known.Keys;
        // The keys the JSON has: a [JsonIgnore] property (a release's Lang) is no key to ask for.
        var keys = OpenGov.Data.Rendering.WrittenProperties.Of(options.GetTypeInfo(typeof(TRecord))).Select(p => p.Name).ToList();
        KeysOfType<TRecord>.Known = new(options, keys);
        return keys;
    }

    // One object, so that a reader never pairs one settings' keys with another's (hosts in tests each have their own).
    sealed record KnownKeys(JsonSerializerOptions Options, IReadOnlyList<string> Keys);

    static class KeysOfType<TRecord>
    {
        public static KnownKeys? Known;
    }
}
