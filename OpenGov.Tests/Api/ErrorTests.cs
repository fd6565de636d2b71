using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

public sealed class ErrorTests : ApiTest
{
    [Test]
    public async Task UnknownParameterIsA400NamingItAndTheNearestKnownOne()
    {
        using var response = await Client.GetAsync("/v1/commitments?contry=x");
        var problem = await Problem.Assert(response, 400, mentions: "contry");
        Assert.That((string?)problem["detail"], Does.Contain("Did you mean 'country'"));
        Assert.That(problem["errors"]!["contry"], Is.Not.Null);
    }

    [TestCase("search=open", "search", "Did you mean 'q'")]
    [TestCase("query=open", "query", "Did you mean 'q'")]
    [TestCase("country_code=GBR", "country_code", "Did you mean 'country'")]
    [TestCase("end_of_term_completion=complete", "end_of_term_completion", "Did you mean 'completion_end_of_term'")]
    [TestCase("completion_eot=complete", "completion_eot", "Did you mean 'completion_end_of_term'")]
    [TestCase("end_of_term_completion__gte=limited", "end_of_term_completion__gte", "Did you mean 'completion_end_of_term__gte'")]
    [TestCase("page=2", "page", "pages by cursor")]
    [TestCase("offset=50", "offset", "links.next")]
    public async Task ANameOtherAPIsUseOrTheSameWordsInAnotherOrderGetTheRightHint(string query, string parameter, string hint)
    {
        using var response = await Client.GetAsync("/v1/commitments?" + query);
        var problem = await Problem.Assert(response, 400, mentions: hint);
        Assert.That(problem["errors"]![parameter], Is.Not.Null);
    }

    [Test]
    public async Task ANameFarFromEveryKnownOneGetsNoGuess()
    {
        // "zzz" is 3 edits from "id" but shares nothing with it: a guess would mislead.
        using var response = await Client.GetAsync("/v1/commitments?sort=zzz");
        var problem = await Problem.Assert(response, 400, mentions: "zzz");
        Assert.That((string?)problem["detail"], Does.Not.Contain("Did you mean"));
        Assert.That((string?)problem["detail"], Does.Contain("Sortable: id,"));
    }

    [TestCase("limit=abc")]
    [TestCase("limit=1001")]
    [TestCase("limit=-1")]
    [TestCase("limit=2.5")]
    public async Task ABadLimitIsA400(string query)
    {
        using var response = await Client.GetAsync("/v1/members?" + query);
        var problem = await Problem.Assert(response, 400, mentions: "limit");
        Assert.That(problem["errors"]!["limit"], Is.Not.Null);
    }

    // The cursor's check once parsed the limit before the limit's own check had refused it: a 500.
    [TestCase("/v1/action-plans?limit=x&cursor=x")]
    [TestCase("/v1/commitments?limit=99999999999&cursor=x")]
    [TestCase("/v1/commitments?cursor=x&limit=-1&q=open")]
    public async Task AnInvalidLimitWithACursorIsA400NamingTheLimit(string url)
    {
        using var response = await Client.GetAsync(url);
        var problem = await Problem.Assert(response, 400, mentions: "limit");
        Assert.That(problem["errors"]!["limit"], Is.Not.Null);
    }

    // Found by the fuzzer: Dapper expanded the list of the 2nd filter (@f1) into @f11, @f12..., the names of the 12th and 13th.
    [Test]
    public async Task TwelveFiltersOrMoreAnswerAsFewDo()
    {
        // Ids that exist (an unknown one is a 400 of its own), of records the sample has commitments of.
        var filters = "status=active,inactive&member__not=example-city&country__not=XEX&region__not=americas&member_kind=national,local&action_plan__not=AP_XEX02"
            + "&cycle__gte=2000&start_date__gte=1900&end_date__gte=1900&policy_area__not=open-data&institution__not=involve&region__not=Africa%20and%20the%20Middle%20East&id__not=x,y";
        using var response = await Client.GetAsync("/v1/commitments?fields=id&limit=1000&" + filters);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        // The same filters in the other order: each value is bound to its own filter, wherever it stands.
        var all = await GetJson("/v1/commitments?fields=id&limit=1000&" + string.Join("&", filters.Split('&').Reverse()));
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((long)page["meta"]!["total"]!, Is.EqualTo((long)all["meta"]!["total"]!));
    }

    [Test]
    public async Task EveryProblemOfARequestIsReportedAtOnce()
    {
        using var response = await Client.GetAsync("/v1/commitments?contry=x&limit=abc&status=open&lang=de");
        var errors = (await Problem.Assert(response, 400))["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[] { "contry", "limit", "status", "lang" }));
        Assert.That(Text(errors["status"]), Does.Contain("active, inactive"));
    }

    [Test]
    public async Task AFilterOfTheWrongTypeIsA400()
    {
        using var response = await Client.GetAsync("/v1/action-plans?cycle=twenty");
        await Problem.Assert(response, 400, mentions: "whole number");
    }

    [Test]
    public async Task AGarbledCursorIsA400()
    {
        using var response = await Client.GetAsync("/v1/commitments?cursor=not-a-cursor");
        await Problem.Assert(response, 400, mentions: "cursor");
    }

    [Test]
    public async Task ATamperedCursorIsA400()
    {
        var cursor = (string)(await GetJson("/v1/commitments?limit=1"))["meta"]!["next_cursor"]!;
        var tampered = (cursor[0] == 'A' ? 'B' : 'A') + cursor[1..];
        using var response = await Client.GetAsync("/v1/commitments?limit=1&cursor=" + Uri.EscapeDataString(tampered));
        await Problem.Assert(response, 400, mentions: "cursor");
    }

    [Test]
    public async Task ACursorReusedWithOtherFiltersIsA400()
    {
        var cursor = (string)(await GetJson("/v1/commitments?limit=1&status=inactive"))["meta"]!["next_cursor"]!;
        using var other = await Client.GetAsync("/v1/commitments?limit=1&status=active&cursor=" + Uri.EscapeDataString(cursor));
        await Problem.Assert(other, 400, mentions: "another query");
        using var otherCollection = await Client.GetAsync("/v1/members?limit=1&cursor=" + Uri.EscapeDataString(cursor));
        await Problem.Assert(otherCollection, 400, mentions: "cursor");
        using var same = await Client.GetAsync("/v1/commitments?status=inactive&limit=1&cursor=" + Uri.EscapeDataString(cursor));
        Assert.That((int)same.StatusCode, Is.EqualTo(200));
    }

    [TestCase("/v1/nothing-here")]
    [TestCase("/nothing")]
    [TestCase("/v2/commitments")]
    public async Task AnUnknownPathIsA404Problem(string url)
    {
        using var response = await Client.GetAsync(url);
        await Problem.Assert(response, 404);
    }

    [Test]
    public async Task AWriteToAReadOnlyPathIsA405Problem()
    {
        using var response = await Client.PostAsync("/v1/commitments", new StringContent("{}"));
        await Problem.Assert(response, 405);
    }

    /// <summary>Every route of the API, found from the app itself, answers errors in the one shape.</summary>
    [Test]
    public async Task EveryRouteAnswersBadInputWithAProblem()
    {
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/v1", StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.That(routes, Has.Count.GreaterThanOrEqualTo(20));
        foreach (var route in routes)
        {
            var url = route.Replace("{id}", "no-such-id");
            using (var unknown = await Client.GetAsync(url + "?bogus=1"))
                await Problem.Assert(unknown, 400, mentions: "bogus");
            if (route.Contains("{id}"))
            {
                using var missing = await Client.GetAsync(url);
                await Problem.Assert(missing, 404, mentions: "no-such-id");
            }
        }
    }
}

/// <summary>A service whose database disappears: failures are problems, with nothing of the server's insides.</summary>
public sealed class FailureTests : ApiTest
{
    // Its own service: it deletes its service's database.
    protected override bool OwnHost => true;

    [OneTimeSetUp]
    public async Task BreakTheDatabase()
    {
        (await Client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(Factory.DbPath);
    }

    [Test]
    public async Task AServerFailureIsA500ProblemWithNoStackTrace()
    {
        using var response = await Client.GetAsync("/v1/commitments");
        var problem = await Problem.Assert(response, 500);
        Assert.That(problem.ToJsonString(), Does.Not.Contain("Sqlite").And.Not.Contain(".cs"));
    }

    [Test]
    public async Task ReadinessFailsButLivenessHolds()
    {
        using var ready = await Client.GetAsync("/health/ready");
        await Problem.Assert(ready, 503);
        var live = await GetJson("/health/live");
        Assert.That((string?)live["status"], Is.EqualTo("live"));
    }
}
