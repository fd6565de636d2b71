using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

public sealed class PolicyAreaQueries(Db db)
{
    public static readonly Collection Collection = new("policy-areas", "policy_area a", ["a.id"],
    [
        new("commitment", "EXISTS (SELECT 1 FROM commitment_policy_area cp WHERE cp.policy_area_id = a.id AND cp.commitment_id IN @values)",
            "Commitment id: the policy areas it is tagged with"),
    ]);

    const string Select = "a.id, a.name_en, a.name_fr, a.name_es, a.source_lang";

    public async Task<KeysetPage<PolicyArea>> ListAsync(ListRequest request, string lang, CancellationToken ct)
    {
        await using var c = await db.OpenReadAsync(ct);
        var page = await Collection.ListAsync<NamedRow>(c, Select, request, r => [r.Id], ct);
        return page.Select(r => r.ToPolicyArea(lang));
    }

    public async Task<PolicyArea?> GetAsync(string id, string lang, CancellationToken ct)
    {
        await using var c = await db.OpenReadAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<NamedRow>(new CommandDefinition(
            $"SELECT {Select} FROM policy_area a WHERE a.id = @id", new { id }, cancellationToken: ct));
        return row?.ToPolicyArea(lang);
    }
}
