using System.Text.Json.Nodes;
using OpenGov.Data.Listing;
using OpenGov.Data.Queries;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>
/// An aggregate's counts are the list's totals: on synthetic data, for random filters (a search too) and
/// random groupings and measures, every group's count is the meta.total of the list with the same filters
/// plus that group's value, and every measured value's count the total with that value added as well.
/// Groups that do not overlap add up to the list's total. The draws are seeded: a failure names its seed.
/// </summary>
public sealed class AggregatePropertyTests() : SyntheticApiTest(1500)
{
    /// <summary>Filters the draws choose from, each as the list takes it (member and policy_area are filled with ids the data has).</summary>
    static readonly string[] Filters =
    [
        "status=active", "status=inactive", "completion__gte=limited", "potential_impact=moderate,transformative",
        "start_date__gte=2015", "end_date__lt=2020", "starred=true", "q=open", "q=transparency", "diog__not=no_data",
        "member={member}", "policy_area={policy_area}", "region={region}", "cycle__gte=2016",
    ];

    // Forty seeds passed when this was written (19 s); eight keep the suite quick.
    static IEnumerable<int> Seeds() => Enumerable.Range(1, 8);

    static readonly Collection Commitments = CommitmentQueries.Collection;

    [TestCaseSource(nameof(Seeds))]
    public async Task EveryCountIsTheListsTotalForTheSameFiltersAndThatGroup(int seed)
    {
        var random = new Random(seed);
        var filters = await DrawFiltersAsync(random);
        // A field the filters already name by equality is not drawn: the list reads a parameter given twice as
        // one filter of either value (status=a&status=b is status=a,b), so its group could not be selected by adding one.
        var named = filters.Where(f => !f.Contains("__", StringComparison.Ordinal)).Select(f => f.Split('=')[0]).ToHashSet();
        // Nor country: its filter takes the codes of national members, and the synthetic data gives local members a code too
        // (a group of such a code has no filter that selects it; the facet of the same name counts it likewise).
        var groupable = Commitments.GroupableNames
            .Where(g => g != "country" && !named.Contains(g) && !named.Contains(Commitments.GroupField(g).Field.Name)).ToList();
        var groupBy = groupable.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        var measures = Commitments.MeasurableNames.Where(m => !named.Contains(m) && !groupBy.Contains(m))
            .OrderBy(_ => random.Next()).Take(random.Next(0, 3)).ToList();
        var query = string.Join('&', filters.Append("group_by=" + string.Join(',', groupBy)).Append("limit=1000")
            .Concat(measures.Count > 0 ? ["measure=" + string.Join(',', measures)] : []));
        var answer = await JsonAsync(Client, "/v1/commitments/aggregate?" + query);
        var total = await TotalAsync(filters);
        Assert.That((long)answer["meta"]!["total"]!, Is.EqualTo(total), $"seed {seed}: {query}: meta.total is the list's");
        var groups = answer["data"]!.AsArray().Select(g => g!.AsObject()).ToList();
        var all = (long)answer["meta"]!["groups"]! == groups.Count;
        Assert.That(groups, Has.Count.EqualTo(Math.Min((long)answer["meta"]!["groups"]!, 1000)), $"seed {seed}: {query}");
        var overlapping = (bool)answer["meta"]!["overlapping"]!;
        Assert.That(overlapping, Is.EqualTo(groupBy.Any(g => Commitments.Fields.TryGetValue(g, out var f) && f.Many is not null)), $"seed {seed}: {query}");
        if (!overlapping && all) Assert.That(groups.Sum(g => (long)g["count"]!), Is.EqualTo(total), $"seed {seed}: {query}: groups add up to the total");

        // Each group with a value for every field (the group of records without one has no filter to say so), a few per draw.
        foreach (var group in groups.Where(g => groupBy.All(f => g[f] is not null)).OrderBy(_ => random.Next()).Take(5))
        {
            var groupFilters = filters.Concat(groupBy.Select(f => AsFilter(f, group[f]!))).ToList();
            Assert.That((long)group["count"]!, Is.EqualTo(await TotalAsync(groupFilters)), $"seed {seed}: {query}: group {group.ToJsonString()}");
            foreach (var measure in measures)
            {
                var counts = group[measure]!["counts"]!.AsObject();
                long assessed = 0;
                foreach (var (value, count) in counts.Where(c => c.Key != "unassessed").OrderBy(_ => random.Next()).Take(3))
                    Assert.That((long)count!, Is.EqualTo(await TotalAsync([.. groupFilters, $"{measure}={value}"])),
                        $"seed {seed}: {query}: {measure}={value} in group {group.ToJsonString()}");
                foreach (var value in AggregateScale(measure)) assessed += (long)counts[value]!;
                Assert.That((long)group[measure]!["assessed"]!, Is.EqualTo(assessed), $"seed {seed}: the assessed are the scale's values counted");
                Assert.That(counts.Sum(c => (long)c.Value!), Is.EqualTo((long)group["count"]!), $"seed {seed}: each record is counted under one value");
            }
        }
    }

    /// <summary>The values of a measure's scale: its values without the reasons a rating is missing.</summary>
    static IEnumerable<string> AggregateScale(string measure) =>
        Commitments.Fields[measure].Values!.Except(["no_data", "not_reviewed", "not_applicable", "blank"]);

    /// <summary>The list's filter that selects a group's value: a year is its date's year, a record by its id.</summary>
    static string AsFilter(string groupField, JsonNode value)
    {
        var text = value is JsonObject named ? (string)named["id"]! : value.ToString();
        var (field, year) = Commitments.GroupField(groupField);
        return $"{(year ? field.Name : groupField)}={Uri.EscapeDataString(text)}";
    }

    async Task<List<string>> DrawFiltersAsync(Random random)
    {
        var members = (await JsonAsync(UncheckedClient, "/v1/members?fields=id&limit=20"))["data"]!.AsArray();
        var member = (string)members[random.Next(members.Count)]!["id"]!;
        var areas = await JsonAsync(UncheckedClient, "/v1/commitments?limit=0&facets=policy_area,region");
        string Pick(string facet)
        {
            var values = areas["meta"]!["facets"]![facet]!.AsArray().Where(v => v!["value"] is not null).ToList();
            return (string)values[random.Next(values.Count)]!["value"]!;
        }
        return [.. Filters.OrderBy(_ => random.Next()).Take(random.Next(0, 3))
            .Select(f => f.Replace("{member}", member).Replace("{policy_area}", Pick("policy_area")).Replace("{region}", Pick("region")))];
    }

    async Task<long> TotalAsync(IEnumerable<string> filters) =>
        (long)(await JsonAsync(UncheckedClient, "/v1/commitments?limit=0&" + string.Join('&', filters)))["meta"]!["total"]!;

    static async Task<JsonNode> JsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"GET {url}: {body}");
        return JsonNode.Parse(body)!;
    }
}
