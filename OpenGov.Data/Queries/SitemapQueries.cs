using Dapper;

namespace OpenGov.Data.Queries;

/// <summary>The ids of every record that has a page for people: members, action plans and commitments.</summary>
public sealed class SitemapQueries(Db db)
{
    const string Ids = """
        SELECT 'members' AS Collection, id AS Id FROM member
        UNION ALL SELECT 'action-plans', id FROM action_plan
        UNION ALL SELECT 'commitments', id FROM commitment
        ORDER BY 1, 2
        """;

    public async Task<IReadOnlyList<(string Collection, string Id)>> PagesAsync(ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        return (await c.QueryAsync<(string Collection, string Id)>(new CommandDefinition(Ids, cancellationToken: read.Token))).ToList();
    }
}
