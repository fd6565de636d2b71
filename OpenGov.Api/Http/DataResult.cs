using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace OpenGov.Api.Http;

/// <summary>
/// A 200 answer whose records keep only the keys asked for with ?fields= (all of them otherwise).
/// It tells the OpenAPI document its full type, like TypedResults.Ok does.
/// </summary>
public sealed class DataResult<T>(T value, IReadOnlyList<string>? fields) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T Value { get; } = value;
    object? IValueHttpResult.Value => Value;
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        if (fields is null)
        {
            await JsonSerializer.SerializeAsync(http.Response.Body, Value, options, http.RequestAborted);
            return;
        }
        var node = JsonSerializer.SerializeToNode(Value, options)!;
        var records = node["data"] switch { JsonArray a => a.OfType<JsonObject>(), JsonObject o => [o], _ => [] };
        foreach (var record in records)
            foreach (var key in record.Select(p => p.Key).Where(k => !fields.Contains(k)).ToList())
                record.Remove(key);
        await JsonSerializer.SerializeAsync(http.Response.Body, node, options, http.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));

    /// <summary>The JSON keys of <typeparamref name="TRecord"/>: what ?fields= may name.</summary>
    public static IReadOnlyList<string> KeysOf<TRecord>(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions
            .GetTypeInfo(typeof(TRecord)).Properties.Select(p => p.Name).ToList();
}
