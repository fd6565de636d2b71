using System.Net;
using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>
/// The aggregates on the sample: the shape of a measured group, the 400s that name their parameter and
/// the nearest name, pinned answers, paging over groups by following next links, and a 304.
/// </summary>
public sealed class AggregateTests : ApiTest
{
    [Test]
    public async Task AMeasuredGroupCountsEveryValueAndSharesTheAssessed()
    {
        var answer = await GetJson("/v1/commitments/aggregate?group_by=member&measure=completion&member=example-republic");
        var group = answer["data"]!.AsArray().Single()!;
        Assert.That(group["member"]!.ToJsonString(), Is.EqualTo("""{"id":"example-republic","name":"Example Republic (illustrative)"}"""));
        var completion = group["completion"]!;
        var counts = completion["counts"]!.AsObject();
        Assert.That(counts.Select(c => c.Key), Is.SupersetOf(new[] { "not_started", "limited", "substantial", "complete", "no_data", "not_reviewed", "not_applicable", "blank" }));
        var assessed = (long)completion["assessed"]!;
        Assert.That(assessed, Is.EqualTo(new[] { "not_started", "limited", "substantial", "complete", "withdrawn", "unclear", "no_evidence" }.Sum(v => (long)counts[v]!)));
        Assert.That((double)completion["share"]!["complete"]!, Is.EqualTo(Math.Round((double)(long)counts["complete"]! / assessed, 3)));
        Assert.That((double)completion["at_least"]!["substantial"]!,
            Is.EqualTo(Math.Round((double)((long)counts["substantial"]! + (long)counts["complete"]!) / assessed, 3)));
        Assert.That((long)answer["meta"]!["total"]!, Is.EqualTo((long)group["count"]!));
    }

    [TestCase("group_by=membr", "group_by", "member")]
    [TestCase("group_by=member,status,cycle,region", "group_by", "at most 3")]
    [TestCase("group_by=member&measure=complet", "measure", "completion")]
    [TestCase("group_by=member&measure=policy_area", "measure", "Cannot measure 'policy_area'")]
    [TestCase("group_by=member,member", "group_by", "twice")]
    [TestCase("group_by=member&sort=-cout", "sort", "count")]
    [TestCase("group_by=member&measure=completion&sort=-completion_at_least_withdrawn", "sort", "completion_at_least_substantial")]
    [TestCase("group_by=member&fields=count", "fields", "does not take fields")]
    [TestCase("group_by=member&facets=status", "facets", "does not take facets")]
    [TestCase("group_by=member&limit=all", "limit", "CSV or NDJSON")]
    [TestCase("group_by=member&limit=1001", "limit", "0 to 1000")]
    [TestCase("group_by=member&cursor=abc", "cursor", "cursor")]
    [TestCase("group_by=member&membr=kenya", "membr", "member")]
    [TestCase("group_by=member&completion__gte=withdrawn", "completion__gte", "not_started < limited")]
    [TestCase("group_by=member&member=no-such-member", "member", "member")]
    public async Task BadParametersAre400sNamingTheParameter(string query, string parameter, string mentions)
    {
        using var response = await Client.GetAsync("/v1/commitments/aggregate?" + query);
        var problem = await Problem.Assert(response, 400, mentions: mentions);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain(parameter), problem.ToJsonString());
    }

    [Test]
    public async Task LimitZeroGivesTheCountsOfGroupsAndNoNextPage()
    {
        var answer = await GetJson("/v1/commitments/aggregate?group_by=member&limit=0");
        Assert.That(answer["data"]!.AsArray(), Is.Empty);
        Assert.That((long)answer["meta"]!["groups"]!, Is.GreaterThan(1));
        Assert.That(answer["meta"]!["next_cursor"], Is.Null);
        Assert.That(answer["links"]!["next"], Is.Null);
    }

    [Test]
    public async Task ACursorOfOneGroupingIsRefusedByAnother()
    {
        var first = await GetJson("/v1/commitments/aggregate?group_by=member&limit=1");
        var cursor = (string)first["meta"]!["next_cursor"]!;
        using var response = await Client.GetAsync($"/v1/commitments/aggregate?group_by=status&limit=1&cursor={cursor}");
        await Problem.Assert(response, 400, mentions: "cursor");
    }

    [TestCase("/v1/commitments/aggregate?group_by=member,start_year&measure=completion&sort=-count")]
    [TestCase("/v1/commitments/aggregate?group_by=policy_area&sort=policy_area")]
    [TestCase("/v1/irm-ratings/aggregate?group_by=stage,member&measure=completion")]
    [TestCase("/v1/milestones/aggregate?group_by=commitment")]
    public async Task FollowingNextLinksGivesEveryGroupOnceInOrder(string url)
    {
        var whole = await GetJson(url + "&limit=1000");
        var (rows, total, pages) = await Walk(url + "&limit=2");
        Assert.That(rows.Select(r => r.ToJsonString()), Is.EqualTo(whole["data"]!.AsArray().Select(r => r!.ToJsonString())));
        Assert.That(total, Is.EqualTo((long)whole["meta"]!["total"]!));
        Assert.That(pages, Is.EqualTo(Math.Max(1, (rows.Count + 1) / 2)));
    }

    [Test]
    public async Task APinnedAnswerIsImmutableAndItsLinksKeepTheRelease()
    {
        var release = (string)(await GetJson("/v1/releases?limit=1"))["data"]![0]!["id"]!;
        using var response = await Client.GetAsync($"/v1/commitments/aggregate?group_by=member&limit=1&release={release}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.ToString(), Does.Contain("immutable"));
        Assert.That((string)body["meta"]!["release"]!, Is.EqualTo(release));
        Assert.That((string)body["links"]!["next"]!, Does.Contain("release=" + release));
        Assert.That(response.Headers.GetValues("Link").Single(), Does.Contain("release=" + release));
    }

    [Test]
    public async Task AnAnswerHasAnETagThatAnswers304()
    {
        const string url = "/v1/commitments/aggregate?group_by=status&measure=potential_impact";
        using var first = await Client.GetAsync(url);
        Assert.That(first.Headers.ETag, Is.Not.Null);
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await Client.SendAsync(again);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task NamesAreInTheLanguageAskedAndTheCountsTheSame()
    {
        var en = await GetJson("/v1/commitments/aggregate?group_by=policy_area&lang=en");
        var fr = await GetJson("/v1/commitments/aggregate?group_by=policy_area&lang=fr");
        Assert.That(fr["data"]!.AsArray().Select(g => (long)g!["count"]!), Is.EqualTo(en["data"]!.AsArray().Select(g => (long)g!["count"]!)));
        Assert.That(fr["data"]!.AsArray().Select(g => (string)g!["policy_area"]!["name"]!),
            Is.Not.EqualTo(en["data"]!.AsArray().Select(g => (string)g!["policy_area"]!["name"]!)), "policy areas have French names");
    }

    [Test]
    public async Task TheCsvHasOneRowAGroupWithItsMeasuredColumns()
    {
        var json = await GetJson("/v1/commitments/aggregate?group_by=member,start_year&measure=completion");
        var (header, rows) = CsvText.Read(await Client.GetByteArrayAsync("/v1/commitments/aggregate?group_by=member,start_year&measure=completion&format=csv"));
        Assert.That(header.Take(4), Is.EqualTo(new[] { "member_id", "member_name", "start_year", "count" }));
        Assert.That(header, Does.Contain("completion_complete").And.Contain("completion_no_data").And.Contain("completion_assessed"));
        var data = json["data"]!.AsArray();
        Assert.That(rows, Has.Count.EqualTo(data.Count));
        string Cell(int row, string column) => rows[row][Array.IndexOf(header, column)];
        for (var i = 0; i < data.Count; i++)
        {
            Assert.That(Cell(i, "member_id"), Is.EqualTo((string)data[i]!["member"]!["id"]!));
            Assert.That(Cell(i, "start_year"), Is.EqualTo(data[i]!["start_year"]?.ToString() ?? ""));
            Assert.That(Cell(i, "count"), Is.EqualTo(data[i]!["count"]!.ToString()));
            Assert.That(Cell(i, "completion_assessed"), Is.EqualTo(data[i]!["completion"]!["assessed"]!.ToString()));
        }
    }
}
