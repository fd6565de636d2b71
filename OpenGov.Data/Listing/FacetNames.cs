using System.Data.Common;
using Dapper;
using OpenGov.Data.Queries;

namespace OpenGov.Data.Listing;

/// <summary>The display names of facet values: a related record's name in the language asked, or a scale value in words.</summary>
internal static class FacetNames
{
    public static async Task<IReadOnlyDictionary<string, string>> ForAsync(
        DbConnection connection, Field field, IReadOnlyList<string> values, string lang, CancellationToken ct)
    {
        if (field.NamesSql is null)
            return values.ToDictionary(v => v, v => field.Type == FieldType.Enum ? Vocabulary.Name(v, lang) : v);
        var rows = await connection.QueryAsync<(string Id, string? En, string? Fr, string? Es, string SourceLang)>(
            new CommandDefinition(SqlLog.Note(field.NamesSql), new { ids = Db.IdList(values) }, cancellationToken: ct));
        var names = rows.ToDictionary(r => r.Id, r =>
        {
            var text = new Localized(r.En, r.Fr, r.Es);
            return text.Pick(text.ServedLanguage(lang, r.SourceLang), r.SourceLang) ?? r.Id;
        }, StringComparer.OrdinalIgnoreCase);
        return values.ToDictionary(v => v, v => names.GetValueOrDefault(v, v));
    }

    /// <summary>The name of the bucket of records that have no value at all for the field.</summary>
    public static string Unassessed(Field field, string lang) => Vocabulary.Missing(field.Type == FieldType.Enum, lang);
}
