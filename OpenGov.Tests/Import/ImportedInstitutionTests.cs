using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenGov.Data.Import;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Import;

/// <summary>
/// The institutions of OGP's real export, as a journalist reads them: one body a name, no list
/// numbering, no line breaks, no lists still in one name, and spellings of one body kept as aliases.
/// </summary>
public sealed partial class ImportedInstitutionTests
{
    ApiFactory api = null!;
    HttpClient client = null!;
    ImportReport report = null!;
    List<JsonNode> institutions = null!;

    [OneTimeSetUp]
    public async Task ImportAndList()
    {
        (api, report) = SharedHosts.Imported;
        client = api.CreateClient();
        var ndjson = await client.GetStringAsync("/v1/institutions?format=ndjson");
        institutions = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        client?.Dispose();
    }

    IEnumerable<string> Names => institutions.Select(i => (string?)i["name"] ?? "");

    [Test]
    public void TheCountIsWhatMappingMdMeasured()
    {
        // 1,529 before lists were split and spellings merged, 1,909 before contact details were removed
        // (cells without them split where they did not); MAPPING.md gives them and why there are more.
        Assert.That(institutions, Has.Count.EqualTo(2125));
        Assert.That(report.Written["institutions"], Is.EqualTo(2125));
    }

    /// <summary>
    /// The export's institution cells hold people's e-mail addresses and phone numbers (KG0005, LT0029,
    /// SCO0005...): no institution name, alias or link served holds one; the import counts what it
    /// removed, and the cells as written keep them, unserved.
    /// </summary>
    [Test]
    public async Task NoInstitutionNameHoldsAnEmailAddressOrAPhoneNumber()
    {
        var served = institutions.SelectMany(i => i["aliases"]!.AsArray().Select(a => (string)a!).Prepend((string?)i["name"] ?? ""));
        Assert.That(served.Where(n => ContactDetails.In(n).Count > 0), Is.Empty, "institutions");
        var links = (await client.GetStringAsync("/v1/commitments?format=ndjson&fields=id,lead_institutions,supporting_institutions"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .SelectMany(c => c["lead_institutions"]!.AsArray().Concat(c["supporting_institutions"]!.AsArray()).Select(i => $"{c["id"]}: {i!["name"]}"));
        Assert.That(links.Where(n => ContactDetails.In(n).Count > 0), Is.Empty, "institutions as commitments name them");

        var cells = OgpCsv.Load(OgpCsv.PathOrSkip());
        var written = cells.Rows.SelectMany(r => new[] { cells.Cell(r, "Lead Institution"), cells.Cell(r, "Supporting Institution(s)") })
            .Select(ContactDetails.In).Where(found => found.Count > 0).ToList();
        Assert.That(written, Is.Not.Empty, "the export has contact details in institution cells");
        var counts = report.WarningCounts;
        Assert.That(counts.GetValueOrDefault("institution_email_removed") + counts.GetValueOrDefault("institution_phone_removed"),
            Is.EqualTo(written.Sum(f => f.Count)), "every address and number the test finds is counted as removed");
        Assert.That(report.Examples("institution_email_removed").Concat(report.Examples("institution_phone_removed"))
            .Where(e => ContactDetails.In(e).Count > 0), Is.Empty, "the summary repeats none of them");
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={api.DbPath};Mode=ReadOnly;Pooling=False");
        Assert.That(Dapper.SqlMapper.ExecuteScalar<long>(db, "SELECT COUNT(*) FROM raw_cell WHERE column_name IN ('Lead Institution', 'Supporting Institution(s)')"),
            Is.EqualTo(written.Count), "each cell they were removed from is kept as written");
    }

    [Test]
    public void NoNameIsNumberedBrokenOverLinesOrEndsInPunctuation()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Names.Where(n => Marker().IsMatch(n)), Is.Empty, "names starting with a list marker");
            Assert.That(Names.Where(n => n.Contains('\n') || n.Contains('\r')), Is.Empty, "names with a line break");
            Assert.That(Names.Where(n => n.EndsWith(',') || n.EndsWith(';') || n.EndsWith(':')), Is.Empty, "names ending in a comma or colon");
            // A full stop only after an abbreviation ("d.d.", "Inc."), never after a word.
            Assert.That(Names.Where(n => n.EndsWith('.') && n[(n.LastIndexOf(' ') + 1)..].Count(c => c == '.') == 1 && !n.EndsWith("Inc.") && !n.EndsWith("Ltd.") && !n.EndsWith("etc.")), Is.Empty, "names ending in a full stop");
            Assert.That(Names.Where(n => n != n.Trim() || n.Contains("  ")), Is.Empty, "names with stray spaces");
        });
    }

    [Test]
    public void NoNameIsAListThatTheImportCanProveIsOne()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Names.Where(n => NumberedList().IsMatch(n)), Is.Empty, "numbered lists (1. ... 2. ...) in one name");
            // A ';' inside brackets is the name's own ("Ministry of Finance (Secretary to Treasury; Debt and Aid Division)").
            Assert.That(Names.Where(n => Bracketed().Replace(n, "").IndexOfAny(['•', '●', ';']) >= 0), Is.Empty, "bulleted or semicolon lists in one name");
            Assert.That(Names.Where(n => TemplateHeading().IsMatch(n)), Is.Empty, "OGP template headings in a name");
        });
    }

    [Test]
    public async Task SpellingsOfOneBodyAreOneInstitutionWithItsAliases()
    {
        var eu = institutions.Where(i => OgpInstitutions.Key((string)i["name"]!) == "europeanunion").ToList();
        Assert.That(eu, Has.Count.EqualTo(1), "one European Union");
        var aliases = eu[0]["aliases"]!.AsArray().Select(a => (string)a!).ToList();
        Assert.That(aliases, Is.Not.Empty);
        Assert.That(aliases.Append((string)eu[0]["name"]!).Select(OgpInstitutions.Key).Distinct().Count(), Is.EqualTo(1));
        Assert.That((bool)eu[0]["international"]!, Is.True);
        // Every alias is a spelling of its institution, and no two institutions of one member share a key.
        Assert.That(institutions.GroupBy(i => (OgpInstitutions.Key((string)i["name"]!), string.Join(",", i["members"]!.AsArray().Select(m => (string)m!["id"]!))))
            .Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty);
        var one = await client.GetStringAsync($"/v1/institutions/{(string)eu[0]["id"]!}");
        Assert.That(JsonNode.Parse(one)!["data"]!["aliases"]!.AsArray(), Has.Count.EqualTo(aliases.Count));
    }

    /// <summary>
    /// The export names a "Parliament" for six members and a "Ministry of Justice" for twenty: each
    /// member's is its own institution, and the id they shared before leads to all of them.
    /// </summary>
    [Test]
    public async Task AGenericNameIsOneInstitutionPerMember()
    {
        Assert.That(institutions.Where(i => !(bool)i["international"]!).Select(i => i["members"]!.AsArray().Count), Has.All.EqualTo(1),
            "a member's own body belongs to one member");
        var parliaments = (await client.GetStringAsync("/v1/institutions?former_id=parliament&format=ndjson"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.That(parliaments.Select(p => (string)p["members"]![0]!["id"]!), Is.EquivalentTo(new[] { "albania", "cote-d-ivoire", "estonia", "ghana", "kenya", "sierra-leone" }));
        Assert.That(parliaments.Select(p => (string)p["id"]!), Has.All.EndWith("-parliament"));
        Assert.That(report.WarningCounts.GetValueOrDefault("institution_split_per_member"), Is.GreaterThan(0));
        using var moved = await api.Server.CreateClient().GetAsync("/v1/institutions/ministry-of-justice");
        Assert.That((int)moved.StatusCode, Is.EqualTo(301));
        Assert.That(moved.Headers.Location!.PathAndQuery, Is.EqualTo("/v1/institutions?former_id=ministry-of-justice"));
        // The World Bank works with several members and is one international body.
        var bank = institutions.Single(i => (string)i["id"]! == "world-bank");
        Assert.That((bool)bank["international"]!, Is.True);
        Assert.That(bank["members"]!.AsArray(), Has.Count.GreaterThan(1));
    }

    /// <summary>role and member hold on one link: the leads of Kenyan commitments, as the commitments themselves name them.</summary>
    [Test]
    public async Task RoleAndMemberAreTheLeadsOfThatMembersCommitments()
    {
        var commitments = (await client.GetStringAsync("/v1/commitments?member=kenya&format=ndjson&fields=id,lead_institutions"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var leads = commitments.SelectMany(c => c["lead_institutions"]!.AsArray().Select(i => (string)i!["id"]!)).ToHashSet();
        var listed = (await client.GetStringAsync("/v1/institutions?role=lead&member=kenya&format=ndjson&fields=id"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["id"]!).ToList();
        Assert.That(leads, Is.Not.Empty);
        Assert.That(listed, Is.EquivalentTo(leads));
        // role=lead alone is wider: the institutions that lead a commitment anywhere, Kenyan supporters among them.
        var supportersOnly = (await client.GetStringAsync("/v1/institutions?role=supporting&member=kenya&format=ndjson&fields=id"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["id"]!).Except(leads).ToList();
        Assert.That(supportersOnly, Is.Not.Empty, "Kenya's supporting institutions that lead none of its commitments");
    }

    [Test]
    public void TheImportSummaryCountsEachKindOfChange()
    {
        var counts = report.WarningCounts;
        foreach (var kind in new[] { "institution_lines_split", "institution_numbered_list_split", "institution_numbering_removed",
                     "institution_heading_removed", "institution_name_tidied", "institution_spelling_merged", "institution_joined_names_split" })
        {
            Assert.That(counts.GetValueOrDefault(kind), Is.GreaterThan(0), kind);
            Assert.That(report.Examples(kind), Is.Not.Empty, kind);
        }
    }

    [GeneratedRegex(@"^\s*(?:\d{1,2}[.)]\s|\([a-z0-9ivx]{1,4}\)\s|[•●\-*\uf06c\uf0b7▪]\s*)")] private static partial Regex Marker();
    [GeneratedRegex(@"(?:^|\s)1[.)]\s.*\s2[.)]\s")] private static partial Regex NumberedList();
    [GeneratedRegex(@"\([^()]*\)")] private static partial Regex Bracketed();
    [GeneratedRegex(@"state actors involved|other actors involved|multilaterals, working groups", RegexOptions.IgnoreCase)] private static partial Regex TemplateHeading();
}
