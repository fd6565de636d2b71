using System.Text.Json.Serialization.Metadata;

namespace OpenGov.Data.Rendering;

/// <summary>
/// The properties of a type that the serializer writes as keys of its JSON. JsonTypeInfo.Properties
/// lists more than those: a [JsonIgnore] property (Lang of a release or of a change) stays in the
/// list with no getter, and so does a property that has only a setter. Code that reads a record's
/// keys from its type (the CSV's columns, the keys ?fields= may name) reads them here, so that it
/// never names a key the JSON answer does not have, nor calls a getter that is not there.
/// </summary>
public static class WrittenProperties
{
    public static IEnumerable<JsonPropertyInfo> Of(JsonTypeInfo info) => info.Properties.Where(p => p.Get is not null);
}
