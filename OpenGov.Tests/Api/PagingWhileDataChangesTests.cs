using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>Keyset paging while commitments are added and removed between pages: no row present throughout is skipped or repeated.</summary>
public sealed class PagingWhileDataChangesTests : ApiTest
{
    // Its own service: it changes its service's database while paging.
    protected override bool OwnHost => true;

    void Write(string sql)
    {
        using var c = new SqliteConnection($"Data Source={Factory.DbPath};Pooling=False");
        c.Execute(sql);
    }

    [TestCase("")]
    [TestCase("&sort=-start_date")]
    [TestCase("&sort=member,-completion")]
    public async Task RowsAddedAndRemovedBetweenPagesNeverMakeAPageSkipOrRepeatARow(string sort)
    {
        var before = (await Walk($"/v1/commitments?limit=100&fields=id{sort}")).Rows.Select(r => (string)r["id"]!).ToList();
        var seen = new List<string>();
        var page = await GetJson($"/v1/commitments?limit=2&fields=id{sort}");
        seen.AddRange(page["data"]!.AsArray().Select(r => (string)r!["id"]!));
        var removed = before[^2];
        // One row that sorts before the cursor, one after it, and one removed further on.
        Write($"""
            INSERT INTO commitment (id, action_plan_id, member_id, status, start_date) VALUES ('AA0001', 'AP_XEX01', 'example-republic', 'active', '2015');
            INSERT INTO commitment (id, action_plan_id, member_id, status, start_date) VALUES ('ZZ0001', 'AP_XEX02', 'example-republic', 'active', '2030');
            INSERT INTO commitment_filter SELECT id, member_id, action_plan_id, status, start_date_lo, start_date_hi, end_date_lo, end_date_hi,
                '', '', '', '', '', '', '', '', '', '', '' FROM commitment WHERE id IN ('AA0001', 'ZZ0001');
            DELETE FROM commitment_filter WHERE commitment_id = '{removed}';
            DELETE FROM commitment WHERE id = '{removed}';
            """);
        try
        {
            for (var next = (string?)page["links"]!["next"]; next is not null; next = (string?)page["links"]!["next"])
            {
                page = await GetJson(next);
                seen.AddRange(page["data"]!.AsArray().Select(r => (string)r!["id"]!));
            }
            Assert.That(seen, Is.Unique);
            Assert.That(seen, Is.SupersetOf(before.Where(id => id != removed)));
            Assert.That(seen, Does.Not.Contain(removed));
        }
        finally
        {
            Write("DELETE FROM commitment_filter WHERE commitment_id IN ('AA0001', 'ZZ0001'); DELETE FROM commitment WHERE id IN ('AA0001', 'ZZ0001');");
            SqliteConnection.ClearAllPools();
        }
    }
}
