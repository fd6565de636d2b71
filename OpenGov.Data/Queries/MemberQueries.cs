using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

public sealed class MemberQueries(Db db)
{
    public static readonly Collection Collection = new("members", "member m", ["m.id"],
    [
        new("country", "m.iso3 IN @values", "ISO 3166 alpha-3 code of the member's country, e.g. GBR"),
        new("region", "m.region IN @values", "OGP region, e.g. Europe"),
        new("kind", "m.kind IN @values", "National or local member", FilterType.Enum, SnakeCase.All<MemberKind>()),
    ]);

    const string Select = "m.id, m.name_en, m.name_fr, m.name_es, m.source_lang, m.iso3, m.region, m.kind, m.url, m.illustrative";

    public async Task<KeysetPage<Member>> ListAsync(ListRequest request, string lang, CancellationToken ct)
    {
        await using var c = await db.OpenReadAsync(ct);
        var page = await Collection.ListAsync<Row>(c, Select, request, r => [r.Id], ct);
        return page.Select(r => r.ToMember(lang));
    }

    public async Task<Member?> GetAsync(string id, string lang, CancellationToken ct)
    {
        await using var c = await db.OpenReadAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Select} FROM member m WHERE m.id = @id", new { id }, cancellationToken: ct));
        return row?.ToMember(lang);
    }

    sealed class Row
    {
        public string Id { get; set; } = "";
        public string? NameEn { get; set; }
        public string? NameFr { get; set; }
        public string? NameEs { get; set; }
        public string SourceLang { get; set; } = "en";
        public string? Iso3 { get; set; }
        public string? Region { get; set; }
        public string Kind { get; set; } = "";
        public string? Url { get; set; }
        public bool Illustrative { get; set; }

        public Member ToMember(string lang)
        {
            var name = new Localized(NameEn, NameFr, NameEs);
            var served = name.ServedLanguage(lang, SourceLang);
            return new Member(Id, name.Pick(served, SourceLang) ?? Id, Iso3, Region, SnakeCase.Parse<MemberKind>(Kind), Url, Illustrative, served);
        }
    }
}
