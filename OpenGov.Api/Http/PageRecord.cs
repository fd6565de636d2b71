using System.Text.Json;
using System.Text.Json.Serialization;
using OpenGov.Data.Rendering;

namespace OpenGov.Api.Http;

/// <summary>
/// A record of a JSON page as written from its rendered bytes: the keys ?fields= keeps (all where
/// null) and, in a search, the hit's snippet. Serialised by copying the bytes, never by parsing them.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed record PageRecord(RenderedRecord Record, FieldSelection? Fields, string? Snippet)
{
    sealed class Converter : JsonConverter<PageRecord>
    {
        public override PageRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Page records are only written.");

        public override void Write(Utf8JsonWriter writer, PageRecord value, JsonSerializerOptions options) =>
            value.Record.WriteTo(writer, value.Fields, value.Snippet);
    }
}
