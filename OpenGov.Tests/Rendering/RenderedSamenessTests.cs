using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Synthetic;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Rendering;

/// <summary>
/// Pages written from records rendered once answer the same bytes as pages assembled record by
/// record: two services on one database, one with the rendered path off (RenderedRecords:MaxBytes=0,
/// the assembly of every page as it was before), the other with it on; both without the answer
/// cache, so that every answer is made by its handler. Each URL is asked twice of the rendered
/// service, so that the second answer comes from kept bytes.
/// </summary>
[TestFixture("sample")]
[TestFixture("synthetic")]
public sealed partial class RenderedSamenessTests(string dataset)
{
    ApiFactory assembledHost = null!, renderedHost = null!;
    HttpClient assembled = null!, rendered = null!;
    string db = "";

    [OneTimeSetUp]
    public void StartBoth()
    {
        db = Path.Combine(Path.GetTempPath(), $"opengov-sameness-{Guid.NewGuid():N}.db");
        if (dataset == "synthetic") SyntheticDataset.Build(db, 400);
        var noAnswerCache = new Dictionary<string, string> { ["ResponseCache:MaxEntries"] = "0" };
        assembledHost = new ApiFactory(db, new Dictionary<string, string>(noAnswerCache) { ["RenderedRecords:MaxBytes"] = "0" });
        assembled = assembledHost.CreateClient();
        // The first host builds the sample database where there is none; the second then serves it as it is.
        assembled.GetAsync("/health/ready").Result.EnsureSuccessStatusCode();
        renderedHost = new ApiFactory(db, noAnswerCache);
        rendered = renderedHost.CreateClient();
    }

    [OneTimeTearDown]
    public void StopBoth()
    {
        rendered.Dispose();
        assembled.Dispose();
        renderedHost.Dispose();
        assembledHost.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(db);
    }

    static readonly string[] Queries =
    [
        "", "?limit=1", "?limit=7", "?limit=1000", "?lang=fr", "?lang=es", "?lang=fr&limit=3",
        "?fields=id,title,member,action_plan,status,start_date,end_date,irm_summary",
        "?fields=irm_summary,id&lang=fr", "?fields=snippet,id",
        "?member=united-kingdom", "?status=active&sort=-start_date", "?sort=title&lang=fr", "?sort=-title,id&limit=5",
        "?completion__gte=substantial", "?policy_area=open-data,beneficial-ownership", "?potential_impact=blank,no_data",
        "?start_date__gte=2016&sort=-start_date&limit=4", "?starred=true", "?ogp_value=civic_participation&limit=5",
        "?facets=completion,member&limit=5", "?limit=0&facets=status",
        "?q=open", "?q=government&limit=5", "?q=gouvernement%20ouvert&lang=fr", "?q=beneficial%20ownership&fields=id,title,snippet",
        "?q=open&member=united-kingdom", "?q=rolling&sort=-start_date",
        "?format=ndjson", "?format=ndjson&fields=id,snippet&q=open", "?format=ndjson&lang=fr&limit=3",
        "?format=csv&limit=5", "?format=csv&fields=id,member&limit=all", "?format=ndjson&limit=all&fields=id,title",
    ];

    [TestCaseSource(nameof(Queries))]
    public async Task ACommitmentPageHasTheBytesOfThePageAssembledRecordByRecord(string query)
    {
        await SameFollowingNext("/v1/commitments" + query, pages: 3);
    }

    [TestCase("/v1/commitments/UK0075")]
    [TestCase("/v1/commitments/uk0075?lang=fr&fields=id,title")]
    [TestCase("/v1/members?lang=fr")]
    [TestCase("/v1/action-plans?limit=3")]
    [TestCase("/v1/milestones?limit=4&lang=fr")]
    [TestCase("/v1/irm-ratings?limit=4")]
    [TestCase("/v1/irm-reports")]
    [TestCase("/v1/institutions?limit=5&lang=es")]
    [TestCase("/v1/policy-areas")]
    [TestCase("/v1/commitments/XX9999")]
    [TestCase("/v1/commitments?limit=x&cursor=x")]
    public async Task EveryOtherAnswerIsTheSameToo(string url)
    {
        await SameFollowingNext(url, pages: 2);
    }

    [TestCase("Accept-Language", "fr")]
    [TestCase("Accept-Language", "es-ES, en;q=0.5")]
    [TestCase("Accept", "application/x-ndjson")]
    public async Task AnAcceptLanguageOrAcceptHeaderChoosesTheSameBytes(string header, string value)
    {
        async Task<string> Ask(HttpClient client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/commitments?limit=5");
            request.Headers.TryAddWithoutValidation(header, value);
            using var response = await client.SendAsync(request);
            return string.Join(", ", response.Content.Headers.ContentLanguage) + "\n" + await response.Content.ReadAsStringAsync();
        }
        var expected = await Ask(assembled);
        Assert.That(await Ask(rendered), Is.EqualTo(expected));
        Assert.That(await Ask(rendered), Is.EqualTo(expected), "from kept records");
    }

    /// <summary>The URL and the pages its next links lead to: every answer the same status, headers and bytes from both services.</summary>
    async Task SameFollowingNext(string url, int pages)
    {
        for (string? next = url; next is not null && pages-- > 0;)
        {
            var expected = await Answer(assembled, next);
            for (var time = 1; time <= 2; time++)
                Assert.That((await Answer(rendered, next)).ToString(), Is.EqualTo(expected.ToString()), $"GET {next} (asked {time} times of the rendered service)");
            next = expected.Next;
        }
    }

    /// <summary>An answer as compared: status, the headers that describe the body, and the body's bytes (as UTF-8 text, for a readable difference).</summary>
    sealed partial record Answered(int Status, string? ContentType, string? ContentLanguage, string? Link, byte[] Body, string? Next)
    {
        // A problem's trace id names the request, so it differs between any two answers.
        public override string ToString() =>
            $"{Status} {ContentType} {ContentLanguage} {Link}\n{TraceId().Replace(System.Text.Encoding.UTF8.GetString(Body), "\"trace_id\":\"…\"")}";

        [System.Text.RegularExpressions.GeneratedRegex("\"trace_id\":\"[^\"]*\"")]
        private static partial System.Text.RegularExpressions.Regex TraceId();
    }

    static async Task<Answered> Answer(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        var type = response.Content.Headers.ContentType?.ToString();
        string? next = null;
        if (type?.StartsWith("application/json") == true && JsonNode.Parse(body)?["links"]?["next"] is { } n) next = (string?)n;
        next = next?.Replace("http://localhost", "");
        return new Answered((int)response.StatusCode, type, response.Content.Headers.ContentLanguage.FirstOrDefault() is null ? null : string.Join(", ", response.Content.Headers.ContentLanguage),
            response.Headers.TryGetValues("Link", out var link) ? string.Join(",", link) : null, body, next);
    }
}
