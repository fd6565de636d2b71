using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenGov.Data.Import;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Import;

/// <summary>
/// OGP's real export imported and served: what the API answers is compared with the file as the
/// test reads it itself, field by field.
/// </summary>
public sealed partial class ImportRealFileTests
{
    OgpCsv csv = null!;
    ApiFactory api = null!;
    HttpClient client = null!;
    ImportReport report = null!;

    [OneTimeSetUp]
    public void ImportAndServe()
    {
        var path = OgpCsv.PathOrSkip();
        csv = OgpCsv.Load(path);
        (api, report) = SharedHosts.Imported;
        client = api.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        client?.Dispose();
    }

    [TestCase("fr", "public-participation", "Participation du public")]
    [TestCase("es", "open-data", "Datos abiertos")]
    public async Task PolicyAreasAreNamedInTheLanguageAsked(string lang, string id, string name)
    {
        var areas = (await client.GetJsonAsync($"/v1/policy-areas?lang={lang}&limit=200"))["data"]!.AsArray();
        Assert.That(areas.Select(a => (string?)a!["lang"]).Distinct(), Is.EqualTo(new[] { lang }));
        Assert.That(areas.Single(a => (string?)a!["id"] == id)!["name"]!.GetValue<string>(), Is.EqualTo(name));
    }

    [Test]
    public async Task CountsOfMembersPlansAndCommitmentsAreTheDistinctValuesOfTheFile()
    {
        var counts = (await client.GetJsonAsync("/v1"))["data"]!["dataset"]!["counts"]!;
        Assert.Multiple(() =>
        {
            Assert.That((long)counts["members"]!, Is.EqualTo(csv.Column("Country/Locality").Select(v => v.Trim()).Distinct().Count()));
            Assert.That((long)counts["action_plans"]!, Is.EqualTo(csv.Column("Action Plan ID").Select(v => v.Trim()).Distinct().Count()));
            Assert.That((long)counts["commitments"]!, Is.EqualTo(csv.Column("Commitment Unique Identifier").Distinct().Count()));
            Assert.That((long)counts["policy_areas"]!, Is.EqualTo(PolicyAreaColumns().Count));
            Assert.That(report.RowsRead, Is.EqualTo(csv.Rows.Count));
        });
    }

    [Test]
    public async Task ImportedDatabaseIsServedAsImportedNotAsTheSample()
    {
        var dataset = (await client.GetJsonAsync("/v1"))["data"]!["dataset"]!;
        Assert.That((string)dataset["data_version"]!, Is.EqualTo(report.DataVersion).And.StartsWith("ogp-"));
        using var sampleOnly = await client.GetAsync("/v1/commitments/XE0001");
        Assert.That((int)sampleOnly.StatusCode, Is.EqualTo(404), "a sample commitment leaked into the imported database");
        Assert.That(OpenGov.Data.DatabaseFile.TryReadMeta(api.DbPath)!["source"], Is.EqualTo("ogp-csv"));
    }

    /// <summary>A dozen commitments of a dozen members spread over the file, every mapped field.</summary>
    [Test]
    public async Task EveryMappedFieldOfADozenCommitmentsEqualsTheFile()
    {
        var members = csv.Column("Country/Locality").Distinct().Order(StringComparer.Ordinal).ToList();
        var chosen = Enumerable.Range(0, 12).Select(i => members[i * (members.Count - 1) / 11])
            .Select(m => csv.Rows.First(r => csv.Cell(r, "Country/Locality") == m)).ToList();
        foreach (var row in chosen)
            await AssertCommitment(row);
    }

    async Task AssertCommitment(string[] row)
    {
        string F(string column) => csv.Cell(row, column);
        var id = F("Commitment Unique Identifier");
        var c = (await client.GetJsonAsync($"/v1/commitments/{id}"))["data"]!;
        var memberId = TestSlug(F("Country/Locality"));
        var (start, end) = (F("Start Date"), F("End Date"));
        var dayFirstRow = new[] { start, end }.Any(d => SlashDate().Match(d.Trim()) is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) > 12);
        Assert.Multiple(() =>
        {
            Assert.That((string?)c["id"], Is.EqualTo(id));
            Assert.That((string?)c["action_plan"]!["id"], Is.EqualTo(F("Action Plan ID")), id);
            Assert.That((string?)c["member"]!["id"], Is.EqualTo(memberId), id);
            Assert.That((string?)c["member"]!["name"], Is.EqualTo(NameOrNull(F("Country/Locality"))), id);
            Assert.That((string?)c["number"], Is.EqualTo(ExpectedNumber(F("Commitment Number"))), id);
            Assert.That((string?)c["title"], Is.EqualTo(NameOrNull(F("Commitment Title"))), id);
            Assert.That((string?)c["short_title"], Is.EqualTo(NameOrNull(F("Short Title"))), id);
            Assert.That((string?)c["description"]!["full_text"], Is.EqualTo(F("Full Text")), id);
            Assert.That((string?)c["theme"], Is.EqualTo(TextOrNull(F("Theme"))), id);
            Assert.That((string?)c["status"], Is.EqualTo(F("Active Commitment") == "1" ? "active" : "inactive"), id);
            Assert.That((string?)c["url"], Is.EqualTo(F("URL")), id);
            AssertDate(c, "start_date", start, dayFirstRow, id);
            AssertDate(c, "end_date", end, dayFirstRow, id);
            AssertInstitutions(c["lead_institutions"]!.AsArray(), F("Lead Institution"), id);
            AssertInstitutions(c["supporting_institutions"]!.AsArray(), F("Supporting Institution(s)"), id);
            // By id: a commitment in Spanish names its policy areas in Spanish.
            Assert.That(c["policy_areas"]!.AsArray().Select(a => (string)a!["id"]!).Order(StringComparer.Ordinal),
                Is.EqualTo(PolicyAreaColumns().Where(p => F(p) == "1").Select(OgpValues.Slug).Order(StringComparer.Ordinal)), id);
        });
        var ratings = c["irm_ratings"]!.AsArray().ToDictionary(r => (string)r!["stage"]!, r => r!);
        foreach (var (column, stage, rating) in RatingColumns)
            Assert.That(Text(ratings.GetValueOrDefault(stage)?[rating]), Is.EqualTo(ExpectedRating(F(column), rating)), $"{id} {column}");
        Assert.That(Text(ratings["midterm"]["relevance"]), Is.EqualTo(ExpectedRelevance(row)), $"{id} relevance");
        foreach (var (stage, suffix) in new[] { ("midterm", "-midterm"), ("end_of_term", "-end-of-term") })
            Assert.That((string?)ratings[stage]["irm_report"]?["id"], Is.EqualTo(F("Action Plan ID").ToLowerInvariant() + suffix), id);

        var member = (await client.GetJsonAsync($"/v1/members/{memberId}"))["data"]!;
        Assert.That(((string?)member["iso3"], (string?)member["region"], (string?)member["kind"]),
            Is.EqualTo((F("Code"), F("Region"), F("National Or Local").Contains("Local") ? "local" : "national")), id);
        var plan = (await client.GetJsonAsync($"/v1/action-plans/{F("Action Plan ID")}"))["data"]!;
        Assert.That(((int?)plan["number"], (int?)plan["cycle"], (int?)plan["end_year"]),
            Is.EqualTo((int.Parse(F("Action Plan Number"), CultureInfo.InvariantCulture), int.Parse(F("Year Of Submission"), CultureInfo.InvariantCulture),
                int.Parse(F("Action Plan End Year"), CultureInfo.InvariantCulture))), id);
    }

    /// <summary>
    /// Each national member carries the ISO 3166-1 alpha-2 code of its alpha-3 code, as .NET's own
    /// region data pairs them (Kosovo's user-assigned XKX with XK); a local member's code (ARBA) is no
    /// country's, and it carries none.
    /// </summary>
    [Test]
    public async Task NationalMembersCarryTheirAlpha2CodeAndLocalOnesNone()
    {
        var members = (await client.GetJsonAsync("/v1/members?limit=1000"))["data"]!.AsArray();
        Assert.That(members.Count(m => (string)m!["kind"]! == "national"), Is.GreaterThan(60));
        Assert.Multiple(() =>
        {
            foreach (var member in members)
            {
                string id = (string)member!["id"]!, iso3 = (string)member["iso3"]!;
                var iso2 = (string?)member["iso2"];
                if ((string)member["kind"]! == "local") Assert.That(iso2, Is.Null, id);
                else if (iso3 == "XKX") Assert.That(iso2, Is.EqualTo("XK"), id);
                else Assert.That(iso2 is null ? null : new RegionInfo(iso2).ThreeLetterISORegionName, Is.EqualTo(iso3), id);
            }
        });
    }

    /// <summary>
    /// Titles wrapped as in a PDF (GT0106, CI0018: a line break inside) or with doubled spaces are served on
    /// one line with one space between words; the cell as written is kept in raw_cell, which no answer serves.
    /// </summary>
    [Test]
    public async Task TitlesAreServedOnOneLineAndKeptAsWritten()
    {
        var commitments = (await client.GetStringAsync("/v1/commitments?format=ndjson&fields=id,title,short_title,member"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(commitments, Has.Count.EqualTo(csv.Rows.Count));
        static bool Untidy(string? text) => text is not null && (text != text.Trim() || Regex.IsMatch(text, @"\s\s|[^\S ]"));
        Assert.Multiple(() =>
        {
            Assert.That(commitments.Where(c => Untidy((string?)c["title"])).Select(c => (string?)c["id"]), Is.Empty, "titles");
            Assert.That(commitments.Where(c => Untidy((string?)c["short_title"])).Select(c => (string?)c["id"]), Is.Empty, "short titles");
            Assert.That(commitments.Where(c => Untidy((string?)c["member"]!["name"])).Select(c => (string?)c["id"]), Is.Empty, "member names");
        });
        var untidy = csv.Rows.Where(r => Untidy(TextOrNull(csv.Cell(r, "Commitment Title")))).ToList();
        Assert.That(untidy.Select(r => csv.Cell(r, "Commitment Unique Identifier")), Does.Contain("GT0106").And.Contain("CI0018"));
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={api.DbPath};Mode=ReadOnly;Pooling=False");
        foreach (var row in untidy)
        {
            var id = csv.Cell(row, "Commitment Unique Identifier");
            var served = commitments.Single(c => (string?)c["id"] == id);
            Assert.That((string?)served["title"], Is.EqualTo(NameOrNull(csv.Cell(row, "Commitment Title"))), id);
            Assert.That(Dapper.SqlMapper.ExecuteScalar<string>(db, "SELECT raw_text FROM raw_cell WHERE commitment_id = @id AND column_name = 'Commitment Title'", new { id }),
                Is.EqualTo(csv.Cell(row, "Commitment Title")), id);
        }
        Assert.That(report.WarningCounts["text_whitespace_collapsed"], Is.EqualTo(csv.Rows.Sum(r =>
            new[] { "Commitment Title", "Short Title", "Country/Locality", "Region" }.Count(c => Untidy(TextOrNull(csv.Cell(r, c)))))));
    }

    /// <summary>
    /// The export's regions are names for people ("Africa and the Middle East"): each is served with an
    /// id beside it, the region filter takes either, a facet gives the id with the name, and a region the
    /// file does not have is a 400 naming the nearest (region=africa was an empty 200).
    /// </summary>
    [Test]
    public async Task EachRegionOfTheFileHasAnIdThatFiltersAndFacetsTake()
    {
        var regions = csv.Rows.GroupBy(r => csv.Cell(r, "Region").Trim()).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(regions, Has.Count.GreaterThan(1), "the file should have several regions");
        var facet = (await client.GetJsonAsync("/v1/commitments?limit=0&facets=region"))["meta"]!["facets"]!["region"]!.AsArray()
            .ToDictionary(f => (string)f!["value"]!, f => ((string?)f!["name"], (long)f["count"]!));
        Assert.That(facet.Keys, Is.EquivalentTo(regions.Keys.Select(TestSlug)), "facet values are the regions' ids");
        foreach (var (name, count) in regions)
        {
            var id = TestSlug(name);
            Assert.That(facet[id], Is.EqualTo(((string?)name, (long)count)), name);
            foreach (var asked in new[] { id, name, name.ToUpperInvariant() })
                Assert.That((long)(await client.GetJsonAsync($"/v1/commitments?limit=0&region={Uri.EscapeDataString(asked)}"))["meta"]!["total"]!, Is.EqualTo(count), asked);
            var members = (await client.GetJsonAsync($"/v1/members?limit=1000&region={id}"))["data"]!.AsArray();
            Assert.That(members.Select(m => ((string?)m!["region"], (string?)m["region_id"])).Distinct(), Is.EqualTo(new[] { ((string?)name, (string?)id) }));
        }
        using var unknown = await client.GetAsync("/v1/commitments?region=africa");
        var body = await unknown.Content.ReadAsStringAsync();
        Assert.That((int)unknown.StatusCode, Is.EqualTo(400), body);
        Assert.That(body, Does.Contain("'africa-and-the-middle-east' (Africa and the Middle East)"));
    }

    /// <summary>Every ND, NR, NA and blank of every rating column is still there, as the reason the rating is missing.</summary>
    [Test]
    public async Task TheCountOfEachMissingRatingReasonSurvives()
    {
        var served = new Dictionary<(string, string, string), int>();
        for (string? next = "/v1/irm-ratings?limit=1000"; next is not null;)
        {
            var page = await client.GetJsonAsync(next);
            foreach (var r in page["data"]!.AsArray())
                foreach (var (_, stage, rating) in RatingColumns.Append(("", "midterm", "relevance")))
                    if ((string)r!["stage"]! == stage && r[rating]?["missing"] is { } missing)
                        served[(stage, rating, (string)missing!)] = served.GetValueOrDefault((stage, rating, (string)missing!)) + 1;
            next = page["links"]!["next"]?.GetValue<string>();
        }
        var expected = new Dictionary<(string, string, string), int>();
        foreach (var row in csv.Rows)
            foreach (var (column, stage, rating) in RatingColumns)
                if (StageHasData(row, stage) && Missing(csv.Cell(row, column)) is { } reason)
                    expected[(stage, rating, reason)] = expected.GetValueOrDefault((stage, rating, reason)) + 1;
        foreach (var row in csv.Rows)
            if (JsonNode.Parse(ExpectedRelevance(row))?["missing"] is { } reason)
                expected[("midterm", "relevance", (string)reason!)] = expected.GetValueOrDefault(("midterm", "relevance", (string)reason!)) + 1;
        Assert.That(served.OrderBy(p => p.Key.ToString()), Is.EqualTo(expected.OrderBy(p => p.Key.ToString())));
        Assert.That(expected.Keys.Select(k => k.Item3).Distinct().Order(), Is.EqualTo(new[] { "no_data", "not_applicable", "not_reviewed" }),
            "the file should exercise every reason it has");
    }

    [Test]
    public async Task AValueOffItsScaleIsServedRawNotNullNotGuessed()
    {
        var odd = csv.Rows.Where(r => csv.Cell(r, "Verifiable") is not ("Yes" or "No" or "ND" or "NR" or "NA" or "")).ToList();
        Assert.That(odd, Is.Not.Empty, "the file has Verifiable values off the scale");
        foreach (var row in odd)
        {
            var ratings = (await client.GetJsonAsync($"/v1/commitments/{csv.Cell(row, "Commitment Unique Identifier")}/irm-ratings"))["data"]!.AsArray();
            var midterm = ratings.Single(r => (string)r!["stage"]! == "midterm")!;
            Assert.That(Text(midterm["verifiable"]), Is.EqualTo($$"""{"value":null,"missing":null,"raw":"{{csv.Cell(row, "Verifiable")}}"}"""));
        }
        Assert.That(report.WarningCounts["rating_off_scale_kept_raw"], Is.EqualTo(odd.Count));
    }

    // ---- what the file says, read independently of the importer's mapping code ----

    static readonly (string Column, string Stage, string Rating)[] RatingColumns =
    [
        ("Specificity", "midterm", "specificity"), ("Verifiable", "midterm", "verifiable"),
        ("Potential Impact", "midterm", "potential_impact"), ("Completion (Progress Report)", "midterm", "completion"),
        ("Starred (Current Formula) Progress Report", "midterm", "starred"), ("Potential for Results", "midterm", "potential_for_results"),
        ("Completion (End Of Term)", "end_of_term", "completion"), ("Early Results", "end_of_term", "early_results"),
        ("Did It Open Government (Overall)", "end_of_term", "diog"),
        ("Did It Open Government (Access To Information)", "end_of_term", "diog_access_to_information"),
        ("Did It Open Government (Civic Participation)", "end_of_term", "diog_civic_participation"),
        ("Did It Open Government: Public Accountability", "end_of_term", "diog_public_accountability"),
        ("Starred (Current Formula) End of Term", "end_of_term", "starred"), ("Carried Forward", "end_of_term", "carried_forward"),
    ];

    static readonly Dictionary<string, string[]> ScaleOf = new()
    {
        ["specificity"] = ["none", "low", "medium", "high"], ["verifiable"] = ["yes", "no"],
        ["potential_impact"] = ["none", "minor", "moderate", "transformative"], ["potential_for_results"] = ["unclear", "modest", "substantial"],
        ["completion"] = ["not_started", "limited", "substantial", "complete", "withdrawn", "unclear", "no_evidence"],
        ["early_results"] = ["worsened", "did_not_change", "marginal", "major", "outstanding", "no_notable_results", "moderate", "significant"],
        ["diog"] = ["worsened", "did_not_change", "marginal", "major", "outstanding", "no_early_results_yet"],
    };

    bool StageHasData(string[] row, string stage) =>
        RatingColumns.Where(r => r.Stage == stage).Any(r => csv.Cell(row, r.Column).Trim().Length > 0);

    static string? Missing(string cell) => cell.Trim() switch
    {
        "" => "blank", "ND" => "no_data", "NR" => "not_reviewed", "NA" or "Not Applicable" => "not_applicable", _ => null,
    };

    static string ExpectedRating(string cell, string rating)
    {
        if (Missing(cell) is { } reason) return $$"""{"value":null,"missing":"{{reason}}","raw":null}""";
        if (rating is "starred" or "carried_forward")
            return cell is "0" or "1" ? $$"""{"value":{{(cell == "1" ? "true" : "false")}},"missing":null,"raw":null}""" : $$"""{"value":null,"missing":null,"raw":"{{cell}}"}""";
        var name = cell.Trim() switch
        {
            "Worsens" => "worsened", "No early results to report yet" => "no_early_results_yet",
            var t => t.ToLowerInvariant().Replace(' ', '_'),
        };
        var scale = ScaleOf[rating.StartsWith("diog", StringComparison.Ordinal) ? "diog" : rating];
        return scale.Contains(name) ? $$"""{"value":"{{name}}","missing":null,"raw":null}""" : $$"""{"value":null,"missing":null,"raw":"{{cell}}"}""";
    }

    string ExpectedRelevance(string[] row)
    {
        var cells = new[] { ("access_to_information", "OGP Value Access To Information"), ("civic_participation", "OGP Value Civic Participation"),
            ("public_accountability", "OGP Value Public Accountability"), ("technology_and_innovation", "OGP Value Technology") }
            .Select(v => (v.Item1, Cell: csv.Cell(row, v.Item2).Trim())).ToList();
        if (cells.All(c => c.Cell is "0" or "1") && cells.Any(c => c.Cell == "1"))
            return $$"""{"value":[{{string.Join(",", cells.Where(c => c.Cell == "1").Select(c => $"\"{c.Item1}\""))}}],"missing":null,"raw":null}""";
        if (cells.Select(c => Missing(c.Cell)).Distinct().ToList() is [{ } reason])
            return $$"""{"value":null,"missing":"{{reason}}","raw":null}""";
        return $$"""{"value":null,"missing":null,"raw":"{{string.Join("; ", cells.Select(c => $"{c.Item1}={c.Cell}"))}}"}""";
    }

    /// <summary>The 0/1 tag columns: in OGP's layout, those between the institutions and the first IRM column.</summary>
    List<string> PolicyAreaColumns() =>
        csv.Header.Skip(csv.Col("Supporting Institution(s)") + 1).TakeWhile(h => h != "Report Publication Year (Progress Report)").ToList();

    static void AssertInstitutions(JsonArray served, string cell, string id)
    {
        var names = served.Select(i => (string)i!["name"]!).ToList();
        if (Missing(cell) is not null || cell.Trim() is "N/A" or "Unclear")
        {
            Assert.That(names, Is.Empty, id);
            return;
        }
        if (cell.IndexOfAny([',', ';', '•']) < 0)
        {
            Assert.That(names, Is.EqualTo(new[] { cell.Trim() }), id);
            return;
        }
        // A split list: every name is a piece of the text, in the order written.
        var at = 0;
        foreach (var name in names)
        {
            var found = cell.IndexOf(name, at, StringComparison.Ordinal);
            Assert.That(found, Is.GreaterThanOrEqualTo(0), $"{id}: '{name}' is not in '{cell}' after position {at}");
            at = found + name.Length;
        }
        Assert.That(names, Is.Not.Empty, id);
    }

    static void AssertDate(JsonNode c, string key, string cell, bool dayFirstRow, string id)
    {
        var text = cell.Trim();
        var iso = (string?)c[key];
        var raw = (string?)c[key + "_raw"];
        string? expected = null;
        if (Missing(text) is not null) expected = "";
        else if (Regex.IsMatch(text, @"^(19|20)\d\d$")) expected = text;
        else if (DateTime.TryParseExact(text, "MMMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)) expected = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        else if (!dayFirstRow && DateTime.TryParseExact(text, ["M/d/yyyy", "M/d/yy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 2000)
            expected = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (expected == "") Assert.That((iso, raw), Is.EqualTo(((string?)null, (string?)null)), $"{id} {key}");
        else if (expected is not null) Assert.That((iso, raw), Is.EqualTo((expected, (string?)null)), $"{id} {key} '{cell}'");
        else Assert.That(iso is not null ^ raw == text, Is.True, $"{id} {key} '{cell}': either a date or the text kept raw");
    }

    static string? TextOrNull(string cell) => Missing(cell) is null ? cell.Trim() : null;

    /// <summary>A title or name as a journalist quotes it: on one line, one space between words.</summary>
    static string? NameOrNull(string cell) => TextOrNull(cell) is { } text ? Regex.Replace(text, @"\s+", " ") : null;

    static string ExpectedNumber(string cell) =>
        Regex.IsMatch(cell, @"^\d+\.\d{12,}$") ? double.Parse(cell, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : cell.Trim();

    static string TestSlug(string name)
    {
        var s = new StringBuilder();
        foreach (var ch in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) s.Append(ch is >= 'a' and <= 'z' or >= '0' and <= '9' ? ch : '-');
        return Regex.Replace(s.ToString(), "-+", "-").Trim('-');
    }

    static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";

    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})/\d+$")] private static partial Regex SlashDate();
}
