using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

public sealed class MemberQueries(Db db)
{
    public static readonly Collection Collection = new("members", "member m", ["m.id"],
    [
        CommonFields.Id("m.id", "Member id, e.g. united-kingdom"),
        CommonFields.Country("m.iso3"),
        CommonFields.Region("m"),
        CommonFields.MemberKind("kind", "m.kind"),
    ]);

    const string Select = "m.id, m.name_en, m.name_fr, m.name_es, m.source_lang, m.iso3, m.region, m.region_id, m.kind, m.url, m.illustrative";

    public async Task<KeysetPage<Member>> ListAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var page = await Collection.ListAsync<Row>(c, Select, request, read.Token);
        return page.Select(r => r.ToMember(request.Lang));
    }

    public async Task<Member?> GetAsync(string id, string lang, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Select} FROM member m WHERE m.id = @id", new { id }, cancellationToken: read.Token));
        return row?.ToMember(lang);
    }

    sealed class Row : KeyedRow
    {
        public string Id { get; set; } = "";
        public string? NameEn { get; set; }
        public string? NameFr { get; set; }
        public string? NameEs { get; set; }
        public string SourceLang { get; set; } = "en";
        public string? Iso3 { get; set; }
        public string? Region { get; set; }
        public string? RegionId { get; set; }
        public string Kind { get; set; } = "";
        public string? Url { get; set; }
        public bool Illustrative { get; set; }

        public Member ToMember(string lang)
        {
            var name = new Localized(NameEn, NameFr, NameEs);
            var served = name.ServedLanguage(lang, SourceLang);
            return new Member(Id, name.Pick(served, SourceLang) ?? Id, Iso3, CountryCodes.Alpha2(Iso3), Region, RegionId, SnakeCase.Parse<MemberKind>(Kind), Url, Illustrative, served);
        }
    }
}
