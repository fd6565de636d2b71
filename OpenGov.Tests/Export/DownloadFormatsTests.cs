using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Export;

/// <summary>
/// The downloads described in the formats of others, read back by readers this project did not
/// write (validators/): the Parquet files by hyparquet, cell by cell against the CSV; the data
/// package by Frictionless' datapackage library, every row of every resource with its types,
/// constraints, primary key and foreign keys; the CSV exports' Link to their CSVW metadata. On the
/// sample, on a database of two releases (current and pinned to the first) and on OGP's real export.
/// </summary>
public sealed class DownloadFormatsTests : ApiTest
{
    public enum Database { Sample, TwoReleases, Imported }

    public enum Pin { Current, Pinned }

    static readonly string[] Resources = ["commitments", "milestones", "irm-ratings"];

    SampleReleases releases = null!;
    DirectedFactory twoReleases = null!;
    HttpClient twoReleasesClient = null!;
    HttpClient? imported;
    readonly string scratch = Path.Combine(Path.GetTempPath(), $"opengov-downloads-{Guid.NewGuid():N}");

    [OneTimeSetUp]
    public void PublishTwoReleases()
    {
        releases = new SampleReleases();
        releases.EditAsTheSecondRelease();
        releases.RemoveCommitment("XE0007");
        releases.Publish();
        twoReleases = new DirectedFactory(releases.Db, releases.Data);
        twoReleasesClient = ContractCheck.Client(twoReleases);
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        twoReleasesClient.Dispose();
        imported?.Dispose();
        twoReleases.Dispose();
        releases.Dispose();
        if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
    }

    static IEnumerable<TestCaseData> Cases() =>
        from database in Enum.GetValues<Database>()
        from pin in Enum.GetValues<Pin>()
        where database != Database.Imported || pin == Pin.Current
        select new TestCaseData(database, pin).SetArgDisplayNames(database.ToString(), pin.ToString());

    HttpClient ClientOf(Database database) => database switch
    {
        Database.Sample => Client,
        Database.TwoReleases => twoReleasesClient,
        _ => imported ??= SharedHosts.Imported.Api.CreateClient(),
    };

    /// <summary>The query that pins a request to the oldest release ("" for the current one).</summary>
    static async Task<string> ReleaseQuery(HttpClient client, Pin pin)
    {
        if (pin == Pin.Current) return "";
        var listed = JsonNode.Parse(await client.GetStringAsync("/v1/releases?limit=1000"))!["data"]!.AsArray();
        return "release=" + (string)listed[^1]!["id"]!;
    }

    static string With(string path, string query) => query.Length == 0 ? path : path + (path.Contains('?') ? "&" : "?") + query;

    static async Task<Dictionary<string, JsonNode>> ExportFiles(HttpClient client, string release) =>
        JsonNode.Parse(await client.GetStringAsync(With("/v1/exports", release)))!["data"]!.AsArray().ToDictionary(f => (string)f!["name"]!, f => f!);

    string Folder()
    {
        var folder = Path.Combine(scratch, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    [TestCaseSource(nameof(Cases))]
    public async Task TheParquetFilesHoldTheCsvCellByCell(Database database, Pin pin)
    {
        var client = ClientOf(database);
        var release = await ReleaseQuery(client, pin);
        var files = await ExportFiles(client, release);
        var folder = Folder();
        foreach (var resource in Resources)
        {
            var listed = files[resource + ".parquet"];
            Assert.That((string)listed["media_type"]!, Is.EqualTo("application/vnd.apache.parquet"));
            Assert.That((long)listed["rows"]!, Is.EqualTo((long)files[resource + ".csv"]["rows"]!));
            var path = Path.Combine(folder, resource + ".parquet");
            await File.WriteAllBytesAsync(path, await client.GetByteArrayAsync((string)listed["url"]!));
            var parquet = JsonNode.Parse(Validators.Check("read-parquet.mjs", path))!;
            var (header, rows) = CsvText.Read(await client.GetByteArrayAsync((string)files[resource + ".csv"]["url"]!));

            var columns = parquet["columns"]!.AsArray().Select(c => (Name: (string)c!["name"]!, Type: (string)c["type"]!, Logical: (string?)c["logical"])).ToList();
            var dates = header.Where(h => columns.Any(c => c.Name == h + "_precision")).ToHashSet();
            Assert.That(columns.Select(c => c.Name), Is.EqualTo(header.SelectMany(h => dates.Contains(h) ? new[] { h, h + "_precision" } : [h])),
                $"{resource}: the CSV's columns in order, each date followed by its precision");
            foreach (var date in dates) Assert.That(columns.Single(c => c.Name == date).Logical, Is.EqualTo("DATE"), $"{resource}.{date}");
            Assert.That((long)parquet["rows"]!, Is.EqualTo(rows.Count));

            var data = parquet["data"]!.AsArray();
            for (var r = 0; r < rows.Count; r++)
                for (var c = 0; c < header.Length; c++)
                {
                    var at = columns.FindIndex(col => col.Name == header[c]);
                    var text = AsCsv(data[r]![at], columns[at].Type, dates.Contains(header[c]) ? (string?)data[r]![at + 1] : null);
                    Assert.That(text, Is.EqualTo(rows[r][c]), $"{resource} row {r + 1} ({rows[r][0]}), column {header[c]} ({columns[at].Type} {columns[at].Logical})");
                }
        }
    }

    [Test]
    public async Task ParquetColumnsAreTyped()
    {
        var folder = Folder();
        async Task<Dictionary<string, (string Type, string? Logical)>> Columns(string resource)
        {
            var path = Path.Combine(folder, resource + ".parquet");
            await File.WriteAllBytesAsync(path, await Client.GetByteArrayAsync($"/v1/exports/{resource}.parquet"));
            return JsonNode.Parse(Validators.Check("read-parquet.mjs", path))!["columns"]!.AsArray()
                .ToDictionary(c => (string)c!["name"]!, c => ((string)c!["type"]!, (string?)c["logical"]));
        }
        var commitments = await Columns("commitments");
        var milestones = await Columns("milestones");
        var ratings = await Columns("irm-ratings");
        Assert.Multiple(() =>
        {
            Assert.That(commitments["start_date"], Is.EqualTo(("INT32", (string?)"DATE")));
            Assert.That(commitments["start_date_precision"], Is.EqualTo(("BYTE_ARRAY", (string?)"STRING")));
            Assert.That(commitments["illustrative"].Type, Is.EqualTo("BOOLEAN"));
            Assert.That(commitments["irm_summary_completion"], Is.EqualTo(("BYTE_ARRAY", (string?)"STRING")), "a rating is its text, as in the CSV");
            Assert.That(milestones["number"].Type, Is.EqualTo("INT64"));
            Assert.That(milestones["end_date"].Logical, Is.EqualTo("DATE"));
            Assert.That(ratings["completion_value"], Is.EqualTo(("BYTE_ARRAY", (string?)"STRING")));
            Assert.That(ratings["starred_value"].Type, Is.EqualTo("BOOLEAN"));
        });
    }

    /// <summary>A Parquet value as the CSV writes it: a date cut to its precision, true or false, a number, an empty cell for null.</summary>
    static string AsCsv(JsonNode? value, string type, string? precision)
    {
        if (value is null) return "";
        var text = value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.True => "true",
            System.Text.Json.JsonValueKind.False => "false",
            System.Text.Json.JsonValueKind.String => (string)value!,
            _ => value.ToJsonString(),
        };
        return precision switch { "year" => text[..4], "month" => text[..7], "day" => text, null => text, _ => throw new AssertionException($"precision {precision}") };
    }

    [TestCaseSource(nameof(Cases))]
    public async Task TheDataPackageIsValidAndEveryRowReadsWithItsTypesAndKeys(Database database, Pin pin)
    {
        var client = ClientOf(database);
        var release = await ReleaseQuery(client, pin);
        var files = await ExportFiles(client, release);
        using var response = await client.GetAsync(With("/v1/exports/datapackage.json", release));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var package = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var version = (string)JsonNode.Parse(await client.GetStringAsync(With("/v1", release)))!["data"]!["dataset"]!["data_version"]!;
        Assert.That((string)package["version"]!, Is.EqualTo(version), "the package's version is the release read");

        // The files, downloaded beside a copy of the descriptor that names them by their file names.
        var folder = Folder();
        var resources = package["resources"]!.AsArray();
        Assert.That(resources.Select(r => (string)r!["name"]!), Is.EqualTo(Resources));
        foreach (var resource in resources)
        {
            var name = (string)resource!["name"]! + ".csv";
            Assert.That((string)resource["path"]!, Is.EqualTo((string)files[name]["url"]!), "the file's URL, in the release read");
            Assert.That((long)resource["bytes"]!, Is.EqualTo((long)files[name]["bytes"]!));
            Assert.That((string)resource["hash"]!, Is.EqualTo("sha256:" + (string)files[name]["sha256"]!));
            var bytes = await client.GetByteArrayAsync((string)resource["path"]!);
            Assert.That(resource["schema"]!["fields"]!.AsArray().Select(f => (string)f!["name"]!), Is.EqualTo(CsvText.Read(bytes).Header), $"{name}: a field per column, in order");
            await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes);
            resource["path"] = name;
        }
        var descriptor = Path.Combine(folder, "datapackage.json");
        await File.WriteAllTextAsync(descriptor, package.ToJsonString());

        var read = JsonNode.Parse(Validators.Check("check-datapackage.mjs", descriptor))!.AsArray();
        Assert.That(read.Select(r => ((string)r!["name"]!, (long)r["rows"]!)),
            Is.EqualTo(Resources.Select(r => (r, (long)files[r + ".csv"]["rows"]!))), "every row of every file read");
    }

    [Test]
    public async Task TheDataPackageCheckFailsOnARowThatBreaksItsSchema()
    {
        // The same check as above, on files that break a foreign key and a scale: it must say so.
        var package = JsonNode.Parse(await Client.GetStringAsync("/v1/exports/datapackage.json"))!.AsObject();
        var folder = Folder();
        foreach (var resource in package["resources"]!.AsArray())
        {
            var name = (string)resource!["name"]! + ".csv";
            var text = Encoding.UTF8.GetString(await Client.GetByteArrayAsync((string)resource["path"]!));
            if (name == "milestones.csv") text = text.Replace("UK0075-1,UK0075,", "UK0075-1,ZZ9999,");
            // The text keeps the file's byte order mark, as a character: written as it is.
            await File.WriteAllTextAsync(Path.Combine(folder, name), text, new UTF8Encoding(false));
            resource["path"] = name;
        }
        var descriptor = Path.Combine(folder, "datapackage.json");
        await File.WriteAllTextAsync(descriptor, package.ToJsonString());
        var result = Validators.Run("check-datapackage.mjs", descriptor);
        Assert.That(result.ExitCode, Is.Not.Zero, result.Output);
        Assert.That(result.Output, Does.Contain("Foreign key \"commitment_id\""));
    }

    [Test]
    public async Task TheDataPackageDescribesKeysScalesAndDates()
    {
        var package = JsonNode.Parse(await Client.GetStringAsync("/v1/exports/datapackage.json"))!;
        JsonNode Schema(string resource) => package["resources"]!.AsArray().Single(r => (string)r!["name"]! == resource)!["schema"]!;
        JsonNode Field(string resource, string name) => Schema(resource)["fields"]!.AsArray().Single(f => (string)f!["name"]! == name)!;
        Assert.Multiple(() =>
        {
            Assert.That(Schema("commitments")["primaryKey"]!.ToJsonString(), Is.EqualTo("\"id\""));
            Assert.That(Schema("commitments")["foreignKeys"], Is.Null);
            foreach (var resource in new[] { "milestones", "irm-ratings" })
                Assert.That(Schema(resource)["foreignKeys"]!.ToJsonString(),
                    Is.EqualTo("""[{"fields":"commitment_id","reference":{"resource":"commitments","fields":"id"}}]"""));
            Assert.That(Field("irm-ratings", "completion_value")["constraints"]!["enum"]!.AsArray().Select(v => (string)v!),
                Is.EqualTo(new[] { "not_started", "limited", "substantial", "complete", "withdrawn", "unclear", "no_evidence" }));
            Assert.That(Field("irm-ratings", "completion_missing")["constraints"]!["enum"]!.AsArray().Select(v => (string)v!),
                Is.EqualTo(new[] { "no_data", "not_reviewed", "not_applicable", "blank" }));
            Assert.That(Field("commitments", "irm_summary_completion")["constraints"]!["enum"]!.AsArray().Select(v => (string)v!),
                Does.Contain("complete").And.Contain("no_data"), "a summary holds a value or why it is missing");
            Assert.That((string)Field("milestones", "number")["type"]!, Is.EqualTo("integer"));
            Assert.That((string)Field("irm-ratings", "starred_value")["type"]!, Is.EqualTo("boolean"));
            Assert.That((string)Field("commitments", "start_date")["constraints"]!["pattern"]!, Is.EqualTo(@"\d{4}(-\d{2}(-\d{2})?)?"));
        });
    }

    [Test]
    public async Task TheDataPackageTakesOnlyTheRelease()
    {
        using var response = await Client.GetAsync("/v1/exports/datapackage.json?format=csv");
        await Problem.Assert(response, 400, mentions: "format");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task EachCsvExportLinksToMetadataOfItsColumns(Database database, Pin pin)
    {
        var client = ClientOf(database);
        var release = await ReleaseQuery(client, pin);
        var files = await ExportFiles(client, release);
        foreach (var resource in Resources)
        {
            using var response = await client.GetAsync((string)files[resource + ".csv"]["url"]!);
            var header = CsvText.Read(await response.Content.ReadAsByteArrayAsync()).Header;
            var metadata = await Csvw.DescribedByAsync(client, response);
            Assert.That(Csvw.ColumnNames(metadata), Is.EqualTo(header), $"{resource}.csv: the metadata's columns are the header, in order");
            if (pin == Pin.Pinned) Assert.That(response.Headers.GetValues("Link").Single(), Does.Contain(release), "the metadata of the release read");
        }
    }
}
