using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

public sealed class PolicyAreaQueries(Db db)
{
    public static readonly Collection Collection = new("policy-areas", "policy_area a", ["a.id"],
    [
        CommonFields.Id("a.id", "Policy area id, e.g. open-data"),
        new("commitment", FieldType.Text, "Commitment id: the policy areas it is tagged with")
            { Many = ("commitment_policy_area", "policy_area_id", "commitment_id"), NamesSql = CommonFields.CommitmentNames },
    ]);

    const string Select = "a.id, a.name_en, a.name_fr, a.name_es, a.source_lang";

    public async Task<KeysetPage<PolicyArea>> ListAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var page = await Collection.ListAsync<NamedRow>(c, Select, request, read.Token);
        return page.Select(r => r.ToPolicyArea(request.Lang));
    }

    public async Task<PolicyArea?> GetAsync(string id, string lang, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var row = await c.QuerySingleOrDefaultAsync<NamedRow>(new CommandDefinition(
            $"SELECT {Select} FROM policy_area a WHERE a.id = @id", new { id }, cancellationToken: read.Token));
        return row?.ToPolicyArea(lang);
    }
}
