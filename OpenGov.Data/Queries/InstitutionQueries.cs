using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

public sealed class InstitutionQueries(Db db)
{
    public static readonly Collection Collection = new("institutions", "institution i", ["i.id"],
    [
        CommonFields.Id("i.id", "Institution id, e.g. cabinet-office"),
        new("commitment", FieldType.Text, "Commitment id: the institutions that lead or support it")
            { Many = ("commitment_institution", "institution_id", "commitment_id"), NamesSql = CommonFields.CommitmentNames },
        new("role", FieldType.Enum, "Institutions that lead (lead) or support (supporting) at least one commitment")
            { Many = ("commitment_institution", "institution_id", "role"), Values = SnakeCase.All<InstitutionRole>() },
    ]);

    const string Select = "i.id, i.name_en, i.name_fr, i.name_es, i.source_lang, i.aliases";

    public async Task<KeysetPage<Institution>> ListAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var page = await Collection.ListAsync<NamedRow>(c, Select, request, read.Token);
        return page.Select(r => r.ToInstitution(request.Lang));
    }

    public async Task<Institution?> GetAsync(string id, string lang, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var row = await c.QuerySingleOrDefaultAsync<NamedRow>(new CommandDefinition(
            $"SELECT {Select} FROM institution i WHERE i.id = @id", new { id }, cancellationToken: read.Token));
        return row?.ToInstitution(lang);
    }
}

/// <summary>A row of a table whose only text is a name: institutions and policy areas.</summary>
class NamedRow : KeyedRow
{
    public string Id { get; set; } = "";
    public string? NameEn { get; set; }
    public string? NameFr { get; set; }
    public string? NameEs { get; set; }
    public string SourceLang { get; set; } = "en";
    /// <summary>Institutions only: a JSON array of other spellings, or null.</summary>
    public string? Aliases { get; set; }

    Localized Name => new(NameEn, NameFr, NameEs);

    public Institution ToInstitution(string lang)
    {
        var served = Name.ServedLanguage(lang, SourceLang);
        return new Institution(Id, Name.Pick(served, SourceLang), served,
            Aliases is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(Aliases) ?? []);
    }

    public PolicyArea ToPolicyArea(string lang)
    {
        var served = Name.ServedLanguage(lang, SourceLang);
        return new PolicyArea(Id, Name.Pick(served, SourceLang) ?? Id, served);
    }

    public Ref ToRef(string lang) => new(Id, Name.Pick(Name.ServedLanguage(lang, SourceLang), SourceLang));
}
