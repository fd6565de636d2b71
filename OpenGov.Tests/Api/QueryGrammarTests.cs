using System.Text.Json.Nodes;
using OpenGov.Data.Model;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>Every filter and operator of /v1/commitments, against answers worked out from the sample files.</summary>
public sealed class QueryGrammarTests : ApiTest
{
    static readonly IReadOnlyList<CommitmentFacts> Facts = CommitmentFacts.All();

    static readonly Dictionary<string, IReadOnlyList<string>> Orders = new()
    {
        ["specificity"] = ["none", "low", "medium", "high"],
        ["potential_impact"] = ["none", "minor", "moderate", "transformative"],
        ["ambition"] = ["modest", "substantial"],
        ["completion"] = ["not_started", "limited", "substantial", "complete"],
        ["completion_midterm"] = ["not_started", "limited", "substantial", "complete"],
        ["completion_end_of_term"] = ["not_started", "limited", "substantial", "complete"],
        ["diog"] = ["worsened", "did_not_change", "marginal", "major", "outstanding"],
    };

    static IEnumerable<TestCaseData> Cases()
    {
        foreach (var field in Facts[0].Scalars.Keys.Where(k => k is not ("start_date" or "end_date" or "cycle")))
        {
            var values = Facts.Select(f => f.Scalars[field]).OfType<string>().Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
            foreach (var value in values)
            {
                yield return Case($"{field}={value}", f => Same(f.Scalars[field], value));
                yield return Case($"{field}__not={value}", f => !Same(f.Scalars[field], value));
            }
            if (values.Count >= 2)
                yield return Case($"{field}={values[0]},{values[^1]}", f => Same(f.Scalars[field], values[0]) || Same(f.Scalars[field], values[^1]));
            if (Orders.TryGetValue(field, out var order))
                foreach (var at in order)
                {
                    var i = order.ToList().IndexOf(at);
                    int? Rank(CommitmentFacts f) => order.ToList().IndexOf(f.Scalars[field]!) is var r and >= 0 ? r : null;
                    yield return Case($"{field}__gte={at}", f => Rank(f) >= i);
                    yield return Case($"{field}__gt={at}", f => Rank(f) > i);
                    yield return Case($"{field}__lte={at}", f => Rank(f) <= i);
                    yield return Case($"{field}__lt={at}", f => Rank(f) < i);
                }
        }
        foreach (var list in new[] { "policy_area", "institution", "lead_institution", "supporting_institution", "ogp_value" })
            foreach (var value in Facts.SelectMany(f => f.Lists[list]).Distinct().Order())
            {
                yield return Case($"{list}={value}", f => f.Lists[list].Contains(value));
                yield return Case($"{list}__not={value}", f => !f.Lists[list].Contains(value));
            }
        foreach (var cycle in new[] { 2014, 2016, 2021 })
            foreach (var (op, test) in new (string, Func<int, bool>)[] { ("", c => c == cycle), ("__gte", c => c >= cycle), ("__lt", c => c < cycle), ("__not", c => c != cycle) })
                yield return Case($"cycle{op}={cycle}", f => test(int.Parse(f.Scalars["cycle"]!)));
        foreach (var date in new[] { "2014", "2016-05", "2016-05-20", "2014-09-01", "2021-09", "2022" })
            foreach (var field in new[] { "start_date", "end_date" })
                foreach (var (op, test) in new (string, Func<int, bool>)[] { ("", c => c == 0), ("__gte", c => c >= 0), ("__gt", c => c > 0), ("__lte", c => c <= 0), ("__lt", c => c < 0) })
                    yield return Case($"{field}{op}={date}", f => f.Scalars[field] is { } d && test(CommitmentFacts.CompareDates(d, date)));
        yield return Case("member=example-republic&completion__gte=limited&policy_area=open-data",
            f => f.Scalars["member"] == "example-republic" && f.Scalars["completion"] is "limited" or "substantial" or "complete" && f.Lists["policy_area"].Contains("open-data"));
    }

    static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    static TestCaseData Case(string query, Func<CommitmentFacts, bool> match) =>
        new TestCaseData(query, Facts.Where(match).Select(f => f.Id).Order(StringComparer.Ordinal).ToList()).SetArgDisplayNames(query);

    [TestCaseSource(nameof(Cases))]
    public async Task TheFilterMatchesWhatTheFilesSay(string query, List<string> expected)
    {
        var (rows, total, _) = await Walk($"/v1/commitments?{query}&limit=3&fields=id");
        Assert.That(rows.Select(r => (string)r["id"]!), Is.EqualTo(expected), query);
        Assert.That(total, Is.EqualTo(expected.Count));
    }

    [Test]
    public void TheCasesCoverEveryCommitmentFilter()
    {
        var tested = Cases().Select(c => ((string)c.Arguments[0]!).Split('=')[0].Split("__")[0]).ToHashSet();
        var filters = OpenGov.Data.Queries.CommitmentQueries.Collection.Fields.Keys;
        Assert.That(tested, Is.SupersetOf(filters));
    }

    static IEnumerable<TestCaseData> Sorts()
    {
        foreach (var field in new[] { "member", "status", "cycle", "completion", "start_date", "end_date", "region" })
            foreach (var descending in new[] { false, true })
                yield return new TestCaseData(field, descending).SetArgDisplayNames((descending ? "-" : "") + field);
    }

    [TestCaseSource(nameof(Sorts))]
    public async Task SortingOrdersByTheFieldThenTheIdAcrossPages(string field, bool descending)
    {
        IComparer<string?> byValue = field is "start_date" or "end_date"
            ? Comparer<string?>.Create((a, b) => string.CompareOrdinal(Span(a), Span(b)))
            : field == "cycle" ? Comparer<string?>.Create((a, b) => int.Parse(a ?? "-1").CompareTo(int.Parse(b ?? "-1")))
            : Comparer<string?>.Create((a, b) => string.CompareOrdinal(a ?? "", b ?? ""));
        var expected = (descending
                ? Facts.OrderByDescending(f => f.Scalars[field], byValue).ThenByDescending(f => f.Id, StringComparer.Ordinal)
                : Facts.OrderBy(f => f.Scalars[field], byValue).ThenBy(f => f.Id, StringComparer.Ordinal))
            .Select(f => f.Id).ToList();
        var (rows, _, pages) = await Walk($"/v1/commitments?sort={(descending ? "-" : "")}{field}&limit=2&fields=id");
        Assert.That(rows.Select(r => (string)r["id"]!), Is.EqualTo(expected));
        Assert.That(pages, Is.EqualTo(5));
    }

    // Orders a published date by the first day it may mean, then the last: 2016 < 2016-05 < 2016-05-01.
    static string Span(string? date) => date switch
    {
        null => "",
        { Length: 4 } => $"{date}-01-01/{date}-12-31",
        { Length: 7 } => $"{date}-01/{date}-{DateTime.DaysInMonth(int.Parse(date[..4]), int.Parse(date[5..])):D2}",
        _ => $"{date}/{date}",
    };

    [TestCase("en", false)]
    [TestCase("fr", false)]
    [TestCase("fr", true)]
    public async Task SortingByTitleOrdersTheTitlesServedInTheLanguageAskedFor(string lang, bool descending)
    {
        // Expected: the titles the API serves in that language (fallbacks included), ordered here
        // ignoring case as SQLite's NOCASE does (ASCII letters only), then by id.
        var (all, _, _) = await Walk($"/v1/commitments?lang={lang}&limit=1000&fields=id,title");
        static string Folded(string? title) => new((title ?? "").Select(c => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c).ToArray());
        var byTitle = Comparer<string>.Create(string.CompareOrdinal);
        var ordered = descending
            ? all.OrderByDescending(r => Folded((string?)r["title"]), byTitle).ThenByDescending(r => (string)r["id"]!, StringComparer.Ordinal)
            : all.OrderBy(r => Folded((string?)r["title"]), byTitle).ThenBy(r => (string)r["id"]!, StringComparer.Ordinal);
        var (rows, _, pages) = await Walk($"/v1/commitments?lang={lang}&sort={(descending ? "-" : "")}title&limit=2&fields=id,title");
        Assert.That(rows.Select(r => (string)r["id"]!), Is.EqualTo(ordered.Select(r => (string)r["id"]!)));
        Assert.That(pages, Is.EqualTo(5));
    }

    [Test]
    public async Task ATitleSortCursorContinuesOnlyInItsLanguage()
    {
        var french = (string)(await GetJson("/v1/commitments?lang=fr&sort=title&limit=1"))["meta"]!["next_cursor"]!;
        using var english = await Client.GetAsync("/v1/commitments?lang=en&sort=title&limit=1&cursor=" + Uri.EscapeDataString(french));
        await Problem.Assert(english, 400, mentions: "cursor");
        using var same = await Client.GetAsync("/v1/commitments?lang=fr&sort=title&limit=1&cursor=" + Uri.EscapeDataString(french));
        Assert.That((int)same.StatusCode, Is.EqualTo(200));
    }

    [TestCase("completion=Complete,SUBSTANTIAL", "completion=complete,substantial")]
    [TestCase("potential_impact__gte=Moderate", "potential_impact__gte=moderate")]
    [TestCase("starred=True", "starred=true")]
    public async Task ScaleValuesAndFlagsIgnoreCase(string typed, string canonical)
    {
        var (asTyped, _, _) = await Walk($"/v1/commitments?{typed}&fields=id");
        var (expected, _, _) = await Walk($"/v1/commitments?{canonical}&fields=id");
        Assert.That(expected, Is.Not.Empty, "the canonical query must find something for the comparison to mean anything");
        Assert.That(asTyped.Select(r => (string)r["id"]!), Is.EqualTo(expected.Select(r => (string)r["id"]!)));
    }

    [Test]
    public async Task TheDesignsOwnSortExampleWorks()
    {
        // api.md: ?sort=-start_date,title
        var page = await GetJson("/v1/commitments?sort=-start_date,title&fields=id,start_date,title");
        Assert.That(page["data"]!.AsArray(), Is.Not.Empty);
    }

    [Test]
    public async Task SeveralSortKeysApplyInTurn()
    {
        var expected = Facts.OrderBy(f => f.Scalars["member"], StringComparer.Ordinal)
            .ThenByDescending(f => f.Scalars["status"], StringComparer.Ordinal).ThenByDescending(f => f.Id, StringComparer.Ordinal)
            .Select(f => f.Id).ToList();
        var (rows, _, _) = await Walk("/v1/commitments?sort=member,-status&limit=4&fields=id");
        Assert.That(rows.Select(r => (string)r["id"]!), Is.EqualTo(expected));
    }

    [TestCase("completion")]
    [TestCase("member")]
    [TestCase("policy_area")]
    [TestCase("starred")]
    [TestCase("potential_impact")]
    public async Task FacetsCountWhatTheFilesHold(string facet)
    {
        var page = await GetJson($"/v1/commitments?facets={facet}&limit=0");
        var counts = page["meta"]!["facets"]![facet]!.AsArray()
            .ToDictionary(c => (string?)c!["value"] ?? "", c => (long)c!["count"]!);
        var expected = Facts.SelectMany(f => f.Lists.TryGetValue(facet, out var list) ? list : [f.Scalars[facet] ?? ""])
            .GroupBy(v => v).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.That(counts, Is.EquivalentTo(expected));
        var ordered = page["meta"]!["facets"]![facet]!.AsArray().Select(c => (long)c!["count"]!).ToList();
        Assert.That(ordered, Is.Ordered.Descending, "largest first");
    }

    [Test]
    public async Task FacetsCountTheFilteredSetAndNameTheirValues()
    {
        var page = await GetJson("/v1/commitments?facets=member,completion_end_of_term&member=example-republic&lang=fr&limit=0");
        var member = page["meta"]!["facets"]!["member"]!.AsArray().Single()!;
        Assert.That((string?)member["name"], Is.EqualTo("République d'exemple (illustratif)"));
        Assert.That((long)member["count"]!, Is.EqualTo(Facts.Count(f => f.Scalars["member"] == "example-republic")));
        var notReviewed = page["meta"]!["facets"]!["completion_end_of_term"]!.AsArray().Select(c => (string?)c!["value"]);
        Assert.That(notReviewed, Does.Contain("not_reviewed"), "missing-rating reasons are counted too");
    }

    [Test]
    public async Task FieldsKeepsOnlyTheKeysAskedFor()
    {
        var page = await GetJson("/v1/commitments?fields=id,title,member&limit=2");
        foreach (var record in page["data"]!.AsArray())
            Assert.That(record!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "id", "member", "title" }).AsCollection.Or.EquivalentTo(new[] { "id", "title", "member" }));
        var item = await GetJson("/v1/commitments/UK0075?fields=id,start_date");
        Assert.That(Text(item["data"]), Is.EqualTo("""{"id":"UK0075","start_date":"2016-05"}"""));
    }

    [TestCase("/v1/commitments?completion__gte=withdrawn", "completion__gte")]
    [TestCase("/v1/commitments?completion__gte=not_reviewed", "completion__gte")]
    [TestCase("/v1/commitments?status__gte=active", "status__gte")]
    [TestCase("/v1/commitments?policy_area__gt=x", "policy_area__gt")]
    [TestCase("/v1/commitments?start_date=May 2016", "start_date")]
    [TestCase("/v1/commitments?start_date__gte=2016-13", "start_date__gte")]
    [TestCase("/v1/commitments?cycle__gte=2014,2016", "cycle__gte")]
    [TestCase("/v1/commitments?potential_impact=huge", "potential_impact")]
    [TestCase("/v1/commitments?sort=description", "sort")]
    [TestCase("/v1/commitments?sort=member,member", "sort")]
    [TestCase("/v1/commitments?sort=a,b,c,d", "sort")]
    [TestCase("/v1/commitments?fields=id,titel", "fields")]
    [TestCase("/v1/commitments?facets=start_date", "facets")]
    [TestCase("/v1/commitments?q=", "q")]
    [TestCase("/v1/commitments?q=%22open data", "q")]
    [TestCase("/v1/commitments?q=(open", "q")]
    [TestCase("/v1/commitments?q=open AND", "q")]
    [TestCase("/v1/commitments?q=AND open", "q")]
    [TestCase("/v1/commitments?q=open OR NOT data", "q")]
    [TestCase("/v1/commitments?q=(NOT open)", "q")]
    [TestCase("/v1/commitments?q=-open", "q")]
    [TestCase("/v1/commitments?q=data OR -open", "q")]
    [TestCase("/v1/commitments?q=*", "q")]
    [TestCase("/v1/commitments?q=%22%22", "q")]
    [TestCase("/v1/members?q=kingdom", "q")]
    [TestCase("/v1/commitments/UK0075?fields=nothing", "fields")]
    public async Task ABadValueIsA400NamingTheParameter(string url, string parameter)
    {
        using var response = await Client.GetAsync(url);
        var problem = await Problem.Assert(response, 400);
        Assert.That(problem["errors"]![parameter], Is.Not.Null, problem.ToJsonString());
    }

    [Test]
    public async Task ACursorIsBoundToItsSortAndSearch()
    {
        var sorted = (string)(await GetJson("/v1/commitments?sort=-start_date&limit=1"))["meta"]!["next_cursor"]!;
        using var other = await Client.GetAsync("/v1/commitments?sort=start_date&limit=1&cursor=" + Uri.EscapeDataString(sorted));
        await Problem.Assert(other, 400, mentions: "cursor");
        var searched = (string)(await GetJson("/v1/commitments?q=open&limit=1"))["meta"]!["next_cursor"]!;
        using var otherSearch = await Client.GetAsync("/v1/commitments?q=government&limit=1&cursor=" + Uri.EscapeDataString(searched));
        await Problem.Assert(otherSearch, 400, mentions: "cursor");
    }

    [Test]
    public void EveryScaleValueIsAFilterValue()
    {
        var completion = OpenGov.Data.Queries.CommitmentQueries.Collection.Fields["completion"].Values!;
        Assert.That(completion, Is.EquivalentTo(SnakeCase.All<Completion>().Concat(SnakeCase.All<MissingReason>())));
    }
}
