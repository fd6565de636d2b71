namespace OpenGov.Data.Queries;

/// <summary>A text the publisher may give in English, French and Spanish.</summary>
public readonly record struct Localized(string? En, string? Fr, string? Es)
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "es"];

    public string? In(string lang) => lang switch { "fr" => Fr, "es" => Es, _ => En };

    /// <summary>
    /// The language a record is served in: the one asked for where the record's main text exists in
    /// it, otherwise the language the publisher wrote the record in.
    /// </summary>
    public string ServedLanguage(string asked, string source) => In(asked) is not null ? asked : source;

    /// <summary>The text in <paramref name="served"/>, falling back to the source language, then any.</summary>
    public string? Pick(string served, string source) => In(served) ?? In(source) ?? En ?? Fr ?? Es;
}
