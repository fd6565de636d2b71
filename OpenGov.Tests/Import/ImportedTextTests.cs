using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Import;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Import;

/// <summary>
/// An export the test makes, whose titles and names are wrapped as in a PDF and whose institution
/// cells hold people's e-mail addresses and phone numbers: what a journalist quotes is on one line,
/// holds no one's contact details, and the cells as written are kept, unserved.
/// </summary>
public sealed class ImportedTextTests
{
    const string Title = "Adopt a law on the protection of those reporting acts\nof corruption";
    const string ShortTitle = "Whistleblower   protection ";
    const string Member = "Example  Land";
    const string Region = "Africa and\nthe Middle East";
    const string Supporting = "Anti-Corruption Agency, Jane Roe (jane.roe@example.org, +44 20 7946 0958)\n"
        + "Transparency Forum (tel: 020 7946 0000)\n+44 20 7946 0123; info©example.net";
    static readonly string[] Contacts = ["jane.roe@example.org", "+44 20 7946 0958", "020 7946 0000", "+44 20 7946 0123", "info©example.net"];

    string dir = "";
    ApiFactory api = null!;
    HttpClient client = null!;
    ImportReport report = null!;

    [OneTimeSetUp]
    public void ImportAndServe()
    {
        dir = Directory.CreateTempSubdirectory("opengov-text-").FullName;
        var csv = Path.Combine(dir, "export.csv");
        OgpCsv.Write(csv,
            ["Commitment Unique Identifier", "Country/Locality", "Region", "National Or Local", "Action Plan ID", "Commitment Title", "Short Title",
                "Lead Institution", "Supporting Institution(s)", "Active Commitment"],
            [
                ["XA0001", Member, Region, "National", "AP_XAL01", Title, ShortTitle, "Ministry of Justice", Supporting, "1"],
                ["XA0002", "Example Land", "Africa and the Middle East", "National", "AP_XAL01", "Open budget data", "", "Ministry of Finance", "", "1"],
            ]);
        var db = Path.Combine(dir, "opengov.db");
        report = OgpCsvImporter.Import(csv, db);
        api = new ApiFactory(db);
        client = api.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        client?.Dispose();
        api?.Dispose();
        SqliteConnection.ClearAllPools();
        if (dir.Length > 0) Directory.Delete(dir, recursive: true);
    }

    Dictionary<string, string> RawCells(string commitment)
    {
        using var c = new SqliteConnection($"Data Source={api.DbPath};Mode=ReadOnly;Pooling=False");
        return c.Query<(string Column, string Text)>("SELECT column_name, raw_text FROM raw_cell WHERE commitment_id = @commitment", new { commitment })
            .ToDictionary(r => r.Column, r => r.Text);
    }

    [Test]
    public async Task TitlesAndNamesAreServedOnOneLineWithOneSpaceBetweenWords()
    {
        var c = (await client.GetJsonAsync("/v1/commitments/XA0001"))["data"]!;
        var member = (await client.GetJsonAsync($"/v1/members/{(string)c["member"]!["id"]!}"))["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)c["title"], Is.EqualTo("Adopt a law on the protection of those reporting acts of corruption"));
            Assert.That((string?)c["short_title"], Is.EqualTo("Whistleblower protection"));
            Assert.That((string?)c["member"]!["name"], Is.EqualTo("Example Land"));
            Assert.That((string?)member["region"], Is.EqualTo("Africa and the Middle East"));
            Assert.That((string?)member["region_id"], Is.EqualTo("africa-and-the-middle-east"));
        });
        // The two rows spell the member and its region differently only in spaces: one member, no conflict.
        Assert.That((long)(await client.GetJsonAsync("/v1/members?limit=0"))["meta"]!["total"]!, Is.EqualTo(1));
        Assert.That(report.WarningCounts.GetValueOrDefault("member_conflict"), Is.Zero);
        Assert.That(report.WarningCounts["text_whitespace_collapsed"], Is.EqualTo(4), "title, short title, member and region of XA0001");
    }

    [Test]
    public void TheCellsAsWrittenAreKeptRaw()
    {
        Assert.That(RawCells("XA0001"), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["Commitment Title"] = Title, ["Short Title"] = ShortTitle, ["Country/Locality"] = Member, ["Region"] = Region,
            ["Supporting Institution(s)"] = Supporting,
        }));
        Assert.That(RawCells("XA0002"), Is.Empty, "cells stored as written are not kept twice");
        Assert.That(report.Written["cells kept raw"], Is.EqualTo(5));
    }

    [Test]
    public async Task ContactDetailsAreRemovedFromInstitutionNamesAndAnEntryOfNothingElseIsDropped()
    {
        var c = (await client.GetJsonAsync("/v1/commitments/XA0001"))["data"]!;
        Assert.That(c["supporting_institutions"]!.AsArray().Select(i => (string?)i!["name"]),
            Is.EqualTo(new[] { "Anti-Corruption Agency", "Jane Roe", "Transparency Forum" }));
        Assert.Multiple(() =>
        {
            Assert.That(report.WarningCounts["institution_email_removed"], Is.EqualTo(2));
            Assert.That(report.WarningCounts["institution_phone_removed"], Is.EqualTo(3));
            Assert.That(report.WarningCounts["institution_contact_only_dropped"], Is.EqualTo(2), "the line of a number alone, the entry of an address alone");
            Assert.That(report.Examples("institution_email_removed")[0], Does.Contain("[e-mail]").And.Contain("[phone]"));
        });
    }

    [Test]
    public async Task NoAnswerAndNoExportHoldsTheContactDetails()
    {
        var answers = new StringBuilder();
        foreach (var url in new[]
        {
            "/v1/commitments/XA0001", "/v1/commitments?format=csv", "/v1/commitments?format=ndjson", "/v1/institutions?format=ndjson",
            "/v1/commitments?q=Roe&fields=id,snippet", "/v1/changes", "/v1/institutions?limit=0&facets=role",
        })
            answers.AppendLine(await client.GetStringAsync(url));
        answers.AppendLine(report.ToText());
        Assert.That(Contacts.Where(c => answers.ToString().Contains(c, StringComparison.Ordinal)), Is.Empty, "contact details served or printed");
        Assert.That(ContactDetails.In(answers.ToString()), Is.Empty);

        // The database file /v1/exports gives holds no raw cell, not even in its free pages.
        var bytes = await client.GetByteArrayAsync("/v1/exports/opengov.db");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.That(Contacts.Where(c => text.Contains(c, StringComparison.Ordinal)), Is.Empty, "contact details in the exported database");
        var copy = Path.Combine(dir, "exported.db");
        await File.WriteAllBytesAsync(copy, bytes);
        using var c = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
        Assert.That(c.ExecuteScalar<long>("SELECT COUNT(*) FROM raw_cell"), Is.Zero);
        Assert.That(c.ExecuteScalar<long>("SELECT COUNT(*) FROM commitment"), Is.EqualTo(2), "the copy is the data served");
    }
}
