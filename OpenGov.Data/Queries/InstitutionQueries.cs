using System.Data.Common;
using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

public sealed class InstitutionQueries(Db db)
{
    // commitment, member and role read the same links (institution_link) and are joint: given together,
    // they hold on one link. role=lead&member=kenya are the institutions that lead a Kenyan commitment,
    // not those that lead a commitment somewhere and support a Kenyan one.
    public static readonly Collection Collection = new("institutions", "institution i", ["i.id"],
    [
        CommonFields.Id("i.id", "Institution id, e.g. cabinet-office"),
        new("commitment", FieldType.Text, "Commitment id: the institutions that lead or support it (with role=, in that role)")
            { Many = ("institution_link", "institution_id", "commitment_id"), NamesSql = CommonFields.CommitmentNames, Joint = true },
        new("member", FieldType.Text, "Member id, e.g. kenya, or the member's name: the institutions that lead or support its commitments (with role=, in that role); an unknown member is a 400 naming the nearest")
            { Many = ("institution_link", "institution_id", "member_id"), NamesSql = CommonFields.MemberNames, Joint = true },
        new("role", FieldType.Enum, "Institutions that lead (lead) or support (supporting) a commitment: with commitment= or member=, one of those")
            { Many = ("institution_link", "institution_id", "role"), Values = SnakeCase.All<InstitutionRole>(), Joint = true },
        new("international", FieldType.Enum, "Whether the institution is an international body (true), one record for every member that names it, or a member's own (false)")
            { Sql = "CASE i.international WHEN 1 THEN 'true' ELSE 'false' END", Values = ["true", "false"] },
        new("former_id", FieldType.Text, "An id institutions had before they were one per member (schema 18): the institutions it now stands for (parliament: the parliament of each member that names one)")
            { Many = ("institution_former_id", "institution_id", "former_id") },
    ]);

    const string Select = "i.id, i.name_en, i.name_fr, i.name_es, i.source_lang, i.aliases, i.international";

    // The members of a page's institutions, in member id order.
    const string MembersOf = """
        SELECT im.institution_id AS owner, m.id, m.name_en, m.name_fr, m.name_es, m.source_lang
        FROM institution_member im JOIN member m ON m.id = im.member_id
        WHERE im.institution_id IN (SELECT value FROM json_each(@ids)) ORDER BY im.institution_id, m.id
        """;

    public async Task<KeysetPage<Institution>> ListAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var page = await Collection.ListAsync<NamedRow>(c, Select, request, read.Token);
        var members = await MembersAsync(c, page.Items.Select(r => r.Id).ToList(), request.Lang, read.Token);
        return page.Select(r => r.ToInstitution(request.Lang, members[r.Id].ToList()));
    }

    public async Task<Institution?> GetAsync(string id, string lang, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var row = await c.QuerySingleOrDefaultAsync<NamedRow>(new CommandDefinition(
            $"SELECT {Select} FROM institution i WHERE i.id = @id", new { id }, cancellationToken: read.Token));
        return row?.ToInstitution(lang, (await MembersAsync(c, [row.Id], lang, read.Token))[row.Id].ToList());
    }

    /// <summary>The institutions an id of before stands for (see institution_former_id in Schema.sql), in id order; none for an id that never was one.</summary>
    public async Task<IReadOnlyList<string>> SuccessorsAsync(string formerId, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        return (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT institution_id FROM institution_former_id WHERE former_id = @formerId ORDER BY institution_id", new { formerId }, cancellationToken: read.Token))).ToList();
    }

    static async Task<ILookup<string, Ref>> MembersAsync(DbConnection c, IReadOnlyList<string> ids, string lang, CancellationToken ct) =>
        (await c.QueryAsync<MemberOfRow>(new CommandDefinition(SqlLog.Note(MembersOf), new { ids = Db.IdList(ids) }, cancellationToken: ct)))
            .ToLookup(r => r.Owner, r => r.ToRef(lang), StringComparer.OrdinalIgnoreCase);

    sealed class MemberOfRow : NamedRow
    {
        public string Owner { get; set; } = "";
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
    /// <summary>Institutions only: 1 for an international body.</summary>
    public long International { get; set; }

    Localized Name => new(NameEn, NameFr, NameEs);

    public Institution ToInstitution(string lang, IReadOnlyList<Ref> members)
    {
        var served = Name.ServedLanguage(lang, SourceLang);
        return new Institution(Id, Name.Pick(served, SourceLang), served,
            Aliases is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(Aliases) ?? [], International == 1, members);
    }

    public PolicyArea ToPolicyArea(string lang)
    {
        var served = Name.ServedLanguage(lang, SourceLang);
        return new PolicyArea(Id, Name.Pick(served, SourceLang) ?? Id, served);
    }

    public Ref ToRef(string lang) => new(Id, Name.Pick(Name.ServedLanguage(lang, SourceLang), SourceLang));
}
