using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenGov.Api.Http;
using OpenGov.Data.Listing;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Rendering;

/// <summary>
/// The SQL each typical list request runs, kept in a file per case (Rendering/Sql/*.sql) and
/// compared here, so that a change of the generated SQL shows in the diff. A case whose file
/// differs fails and shows the statements; with OPENGOV_UPDATE_SQL=1 the files are written anew
/// (then review the diff and commit it). Every case starts with no rendered record and no tokenized
/// search row kept, so its statements include the reading of the page's records by id and of its
/// hits' texts.
/// </summary>
public sealed class SqlSnapshotTests
{
    static readonly string Dir = Path.Combine(Repo.Root, "OpenGov.Tests", "Rendering", "Sql");

    ApiFactory factory = null!;
    HttpClient client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        factory = new ApiFactory(settings: new Dictionary<string, string> { ["ResponseCache:MaxEntries"] = "0" });
        // The statements are noted in the test's own flow of work: the request must run in it
        // (a client's handler takes the setting when it is made).
        factory.Server.PreserveExecutionContext = true;
        client = factory.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        client.Dispose();
        factory.Dispose();
    }

    // name, URL (a cursor case asks the first page, then captures the next one).
    static readonly (string Name, string Url)[] Cases =
    [
        ("commitments-first-page", "/v1/commitments?limit=3"),
        ("commitments-cursor", "/v1/commitments?limit=3&next"),
        ("commitments-filter", "/v1/commitments?member=united-kingdom&status=inactive"),
        ("commitments-many-valued-filter", "/v1/commitments?policy_area=open-data"),
        ("commitments-range", "/v1/commitments?start_date__gte=2016&completion__gte=substantial"),
        ("commitments-search", "/v1/commitments?q=open%20government&limit=3"),
        ("commitments-search-filtered", "/v1/commitments?q=government&member=united-kingdom"),
        ("commitments-search-fields", "/v1/commitments?q=open%20government&limit=3&fields=id,title"),
        ("commitments-sort", "/v1/commitments?sort=-start_date,title&limit=3"),
        ("commitments-sort-cursor", "/v1/commitments?sort=-start_date,title&limit=3&next"),
        ("commitments-facets", "/v1/commitments?facets=completion,member,policy_area&limit=0"),
        ("commitments-search-facets", "/v1/commitments?q=government&status=inactive&facets=completion,member,policy_area&limit=0"),
        ("commitments-fields-french", "/v1/commitments?fields=id,title,irm_summary&lang=fr&limit=3"),
        ("milestones-filter", "/v1/milestones?commitment=UK0075"),
        ("milestones-range-cursor", "/v1/milestones?number__gte=2&limit=2&next"),
        ("irm-ratings-filter", "/v1/irm-ratings?stage=end_of_term&member=united-kingdom"),
        ("members-sort", "/v1/members?sort=-region&limit=2"),
        ("institutions-filter", "/v1/institutions?commitment=UK0075&role=lead"),
    ];

    static IEnumerable<TestCaseData> CaseData() => Cases.Select(c => new TestCaseData(c.Name, c.Url).SetName(c.Name));

    [TestCaseSource(nameof(CaseData))]
    public async Task TheSqlOfAListRequestIsTheOneKept(string name, string url)
    {
        var asked = url;
        if (url.EndsWith("&next", StringComparison.Ordinal))
        {
            var first = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync(url[..^5]))!;
            asked = ((string)first["links"]!["next"]!).Replace("http://localhost", "");
        }
        factory.Services.GetRequiredService<RenderedRecords>().Clear();
        factory.Services.GetRequiredService<OpenGov.Data.Db>().Kept.ForgetKeptRows();
        IReadOnlyList<string> statements;
        using (SqlLog.Capture(out statements))
        {
            using var response = await client.GetAsync(asked);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        }
        Assert.That(statements, Is.Not.Empty, "no statement was noted: the request did not run in the test's flow");
        var text = new StringBuilder($"-- GET {url}\n");
        foreach (var statement in statements) text.Append('\n').Append(statement.Trim()).Append(";\n");
        var file = Path.Combine(Dir, name + ".sql");
        var actual = text.ToString().ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("OPENGOV_UPDATE_SQL") == "1")
        {
            Directory.CreateDirectory(Dir);
            File.WriteAllText(file, actual);
        }
        Assert.That(File.Exists(file), $"no SQL kept for {name}: run with OPENGOV_UPDATE_SQL=1, review and commit {Path.GetRelativePath(Repo.Root, file)}\n{actual}");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(file).ReplaceLineEndings("\n")),
            $"the SQL of {url} changed: if that is meant, run with OPENGOV_UPDATE_SQL=1 and commit the diff of {Path.GetRelativePath(Repo.Root, file)}");
    }
}
