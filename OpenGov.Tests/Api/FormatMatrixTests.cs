using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using CsvHelper;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>
/// Every list operation of openapi.yaml, in every format its format parameter takes, as the current
/// release serves it and pinned to a release (?release=, the oldest one), on the sample database and
/// on one with two releases (so that changes and histories have rows of every kind): each is a 200,
/// and holds as many records as the JSON's meta.total for the same query says: the CSV's rows and
/// the NDJSON's lines with limit=all (and without a limit, which streams the same bytes), the Atom
/// feed's entries, the JSON's data. The CSV's header has columns for the keys of the record's schema
/// and no others. Path parameters are ids the service lists, chosen for the most records below them.
/// </summary>
public sealed class FormatMatrixTests : ApiTest
{
    public enum Database { Sample, TwoReleases }

    public enum Pin { Current, Pinned }

    SampleReleases sample = null!;
    DirectedFactory factory = null!;
    readonly Dictionary<Database, Host> hosts = [];

    [OneTimeSetUp]
    public void PublishTwoReleases()
    {
        // The release tests' second release, and a commitment removed and a rating changed, so that
        // changes hold removals and values before and after that are objects.
        sample = new SampleReleases();
        sample.EditAsTheSecondRelease();
        sample.EditCommitment("UK0075", commitment =>
            commitment["irm_ratings"]!.AsArray().Single(r => (string?)r!["stage"] == "end_of_term")!["ratings"]!["diog"] = "major");
        sample.RemoveCommitment("XE0007");
        sample.Publish();
        factory = new DirectedFactory(sample.Db, sample.Data);
        hosts[Database.Sample] = new Host(Client);
        hosts[Database.TwoReleases] = new Host(ContractCheck.Client(factory));
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        hosts[Database.TwoReleases].Client.Dispose();
        factory.Dispose();
        sample.Dispose();
    }

    static IEnumerable<TestCaseData> Cases() =>
        from database in Enum.GetValues<Database>()
        from operation in ContractFile.ListOperations
        from format in operation.Formats
        from pin in Enum.GetValues<Pin>()
        select new TestCaseData(database, operation, format, pin).SetArgDisplayNames(database.ToString(), operation.Path, format, pin.ToString());

    static IEnumerable<TestCaseData> Operations() =>
        ContractFile.ListOperations.Select(o => new TestCaseData(o).SetArgDisplayNames(o.Path));

    [Test]
    public async Task TheListOperationsReadFromTheFileAreThoseServed()
    {
        var served = JsonNode.Parse(await Client.GetStringAsync("/openapi.json"))!;
        Assert.That(ContractFile.ListOperations, Is.EqualTo(ContractFile.ListOperationsOf(served)).Using<ListOperation>(
            (a, b) => a.Path == b.Path && a.Formats.SequenceEqual(b.Formats) && a.AllRows == b.AllRows));
        Assert.That(ContractFile.ListOperations, Has.Count.GreaterThanOrEqualTo(21), "the collections, their sub-collections, histories, changes and releases");
        foreach (var operation in ContractFile.ListOperations)
            Assert.That(ContractFile.MediaTypesOf(served, operation.Path), Is.EquivalentTo(operation.Formats.Select(f => ContractFile.MediaTypes[f])),
                $"{operation.Path}: the formats its format parameter takes are the media types of its 200");
    }

    [Test]
    public async Task TheSecondReleaseAddedChangedAndRemovedRecords()
    {
        var changes = (await hosts[Database.TwoReleases].JsonAsync("/v1/changes?limit=1000"))["data"]!.AsArray();
        Assert.That(changes.Select(c => (string?)c!["change"]).Distinct(), Is.EquivalentTo(new[] { "added", "changed", "removed" }));
        Assert.That(changes.SelectMany(c => c!["fields"]?.AsArray() ?? []).Select(f => f!["after"]), Has.Some.InstanceOf<JsonObject>(),
            "a value after that is an object (a rating)");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task EveryListAnswersInEveryFormatItDeclares(Database database, ListOperation operation, string format, Pin pin)
    {
        var host = hosts[database];
        var release = pin == Pin.Pinned ? "release=" + await host.OldestReleaseAsync() : "";
        var pinned = release;
        var path = await host.FillAsync(operation.Path, release);
        // An aggregate answers one row a group (meta.groups), grouped and measured as the contract's examples say.
        var aggregate = await host.GroupingAsync(operation.Path);
        if (aggregate is not null) release = string.Join('&', new[] { release, aggregate }.Where(p => p.Length > 0));
        var meta = (await host.JsonAsync(Url(path, release, "limit=0")))["meta"]!;
        var total = (long)meta[aggregate is null ? "total" : "groups"]!;
        switch (format)
        {
            case "json":
                var page = await host.JsonAsync(Url(path, release, "format=json&limit=1000"));
                Assert.That(page["data"]!.AsArray(), Has.Count.EqualTo(Math.Min(total, 1000)));
                // Every row at once is CSV's and NDJSON's: JSON's is a 400, never a 5xx.
                using (var all = await host.Client.GetAsync(Url(path, release, "format=json&limit=all")))
                    await Problem.Assert(all, 400, mentions: "limit");
                break;
            case "csv" or "ndjson":
                var whole = await host.BodyAsync(Url(path, release, $"format={format}&limit={(operation.AllRows ? "all" : "1000")}"), format);
                var records = format == "csv" ? CsvRows(whole, operation.Path, aggregate) : NdjsonLines(whole);
                Assert.That(records, Is.EqualTo(total), $"{format} records of {path}, as meta.total counts them");
                // Without a limit, the whole list streams as limit=all does: the same bytes.
                Assert.That(await host.BodyAsync(Url(path, release, ""), format, accept: ContractFile.MediaTypes[format]), Is.EqualTo(whole));
                if (format == "csv") await TheCsvLinksToMetadataOfItsHeader(host, operation.Path, Url(path, release, "format=csv&limit=2"), pinned, aggregate is not null);
                break;
            case "atom":
                using (var reader = XmlReader.Create(new MemoryStream(await host.BodyAsync(Url(path, release, "format=atom&limit=1000"), format))))
                    Assert.That(SyndicationFeed.Load(reader).Items.Count(), Is.EqualTo(Math.Min(total, 1000)));
                break;
            default:
                Assert.Fail($"{operation.Path} declares a format this test does not read: {format}");
                break;
        }
    }

    [TestCaseSource(nameof(Operations))]
    public async Task FieldsTakeTheKeysOfTheRecordsSchemaAndNoOther(ListOperation operation)
    {
        var host = hosts[Database.Sample];
        var path = await host.FillAsync(operation.Path, "");
        var keys = ContractFile.RecordKeys(operation.Path);
        if (await host.GroupingAsync(operation.Path) is not null)
        {
            // A group is no record: an aggregate takes no fields, and says so.
            using var refused = await host.Client.GetAsync(Url(path, "", "fields=count"));
            await Problem.Assert(refused, 400, mentions: "fields");
            return;
        }
        await host.JsonAsync(Url(path, "", "fields=" + string.Join(',', keys)));
        // A key of the type that its JSON never writes (a release's or a change's language) is not one.
        if (!keys.Contains("lang"))
            using (var response = await host.Client.GetAsync(Url(path, "", "fields=lang")))
                await Problem.Assert(response, 400, mentions: "fields");
    }

    /// <summary>
    /// A CSV page, and the same with fewer keys (fields=): each names its CSVW metadata in a Link
    /// rel="describedby" that answers 200, in the release read, with the CSV's header as its columns, in order.
    /// </summary>
    static async Task TheCsvLinksToMetadataOfItsHeader(Host host, string template, string url, string release, bool aggregate)
    {
        var keys = ContractFile.RecordKeys(template);
        // An aggregate takes no fields: its columns follow its group_by and measure, which its Link carries.
        foreach (var asked in aggregate ? [url] : new[] { url, url + "&fields=" + string.Join(',', keys.Reverse().Take(2)) })
        {
            using var response = await host.Client.GetAsync(asked);
            var header = CsvText.Read(await response.Content.ReadAsByteArrayAsync()).Header;
            var metadata = await Csvw.DescribedByAsync(host.Client, response);
            Assert.That(Csvw.ColumnNames(metadata), Is.EqualTo(header), $"{asked}: the metadata's columns are the CSV's header, in order");
            if (release.Length > 0) Assert.That((string)metadata["url"]!, Does.Contain(release), "the table of the release read");
        }
    }

    static string Url(string path, string release, string query) =>
        string.Join('?', new[] { path, string.Join('&', new[] { release, query }.Where(p => p.Length > 0)) }.Where(p => p.Length > 0));

    /// <summary>The CSV's data rows, read with an RFC 4180 parser, after checking its header against the record's schema.</summary>
    static long CsvRows(byte[] csv, string template, string? aggregate)
    {
        using var reader = new CsvReader(new StreamReader(new MemoryStream(csv), Encoding.UTF8), CultureInfo.InvariantCulture);
        Assert.That(reader.Read() && reader.ReadHeader(), Is.True, "a header row, even for no records");
        // An aggregate's columns: each group field's (its id and name for a record), count, each measure's values and assessed.
        var keys = aggregate is null ? ContractFile.RecordKeys(template)
            : [.. aggregate.Split('&').SelectMany(p => p.Split('=')[1].Split(',')), "count"];
        // A column is its key's (start_date), or a key's and one below it (member_id): the longest key it begins with.
        var columnKeys = reader.HeaderRecord!.Select(c => keys.Where(k => c == k || c.StartsWith(k + "_", StringComparison.Ordinal)).MaxBy(k => k.Length)).ToList();
        Assert.That(columnKeys, Has.None.Null, $"columns of no key of the record: {string.Join(", ", reader.HeaderRecord!)}");
        Assert.That(columnKeys.Distinct(), Is.EquivalentTo(keys), "a column for each key of the record's schema");
        long rows = 0;
        while (reader.Read())
        {
            Assert.That(reader.Parser.Count, Is.EqualTo(reader.HeaderRecord!.Length), $"row {rows + 1} has a cell per column");
            rows++;
        }
        return rows;
    }

    static long NdjsonLines(byte[] ndjson)
    {
        var lines = Encoding.UTF8.GetString(ndjson).Split('\n');
        Assert.That(lines[^1], Is.Empty, "every line ends");
        foreach (var line in lines[..^1]) Assert.That(JsonNode.Parse(line), Is.InstanceOf<JsonObject>(), line);
        return lines.Length - 1;
    }

    /// <summary>A service under test, with what the cases look up in it once: its releases, and the ids that fill path templates.</summary>
    sealed class Host(HttpClient client)
    {
        readonly Dictionary<string, string> filled = [];
        string? oldest;

        public HttpClient Client => client;

        public async Task<string> OldestReleaseAsync() =>
            oldest ??= (string)(await JsonAsync("/v1/releases?limit=1000"))["data"]!.AsArray()[^1]!["id"]!;

        /// <summary>
        /// The template with its {id} filled in, as the release reads it: of the first ids its collection
        /// lists, the one with the most records below it (UK0075, with its milestones, ratings and changes).
        /// </summary>
        public async Task<string> FillAsync(string template, string release)
        {
            var at = template.IndexOf("/{id}", StringComparison.Ordinal);
            if (at < 0) return template;
            if (filled.TryGetValue(template + release, out var path)) return path;
            var listed = await JsonAsync(Url(template[..at], release, "fields=id&limit=20"));
            var best = (Total: -1L, Path: "");
            foreach (var id in listed["data"]!.AsArray().Select(r => (string)r!["id"]!))
            {
                var candidate = template.Replace("{id}", Uri.EscapeDataString(id));
                var total = (long)(await JsonAsync(Url(candidate, release, "limit=0")))["meta"]!["total"]!;
                if (total > best.Total) best = (total, candidate);
            }
            Assert.That(best.Total, Is.GreaterThanOrEqualTo(0), $"{template[..at]} lists no ids to fill {template} with");
            return filled[template + release] = best.Path;
        }

        /// <summary>
        /// For an aggregate, its group_by and measure as the contract's examples give them (group_by=member,country&amp;measure=...); null for a list.
        /// </summary>
        public async Task<string?> GroupingAsync(string template)
        {
            if (!template.EndsWith("/aggregate", StringComparison.Ordinal)) return null;
            contract ??= await JsonAsync("/openapi.json");
            var parameters = contract["paths"]![template]!["get"]!["parameters"]!.AsArray();
            return string.Join('&', new[] { "group_by", "measure" }
                .Select(name => parameters.FirstOrDefault(p => (string?)p!["name"] == name)?["schema"]?["examples"]?[0]?.AsArray())
                .Select((values, i) => values is null ? null : (i == 0 ? "group_by=" : "measure=") + string.Join(',', values.Select(v => (string)v!)))
                .OfType<string>());
        }

        JsonNode? contract;

        public async Task<JsonNode> JsonAsync(string url)
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"GET {url}: {body}");
            return JsonNode.Parse(body)!;
        }

        /// <summary>A 200 answer in <paramref name="format"/>, by ?format= in the URL or by Accept.</summary>
        public async Task<byte[]> BodyAsync(string url, string format, string? accept = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (accept is not null) request.Headers.Accept.ParseAdd(accept);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"GET {url} ({format}): {Encoding.UTF8.GetString(body)}");
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(ContractFile.MediaTypes[format]), url);
            return body;
        }
    }
}
