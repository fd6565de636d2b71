using System.Collections.Frozen;
using System.Text.Json;

namespace OpenGov.Data.Model;

/// <summary>Converts between the enums of the Model namespace and their snake_case spelling.</summary>
public static class SnakeCase
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => Names<TEnum>.ByValue[value];

    public static TEnum Parse<TEnum>(string text) where TEnum : struct, Enum =>
        Names<TEnum>.ByName.TryGetValue(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not one of: {string.Join(", ", Names<TEnum>.All)}");

    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.ByName.TryGetValue(text, out value);

    public static TEnum? ParseOrNull<TEnum>(string? text) where TEnum : struct, Enum =>
        text is null ? null : Parse<TEnum>(text);

    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.All;

    static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));
        public static readonly FrozenDictionary<string, TEnum> ByName =
            ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
        public static readonly IReadOnlyList<string> All = Enum.GetValues<TEnum>().Select(v => ByValue[v]).ToArray();
    }
}
