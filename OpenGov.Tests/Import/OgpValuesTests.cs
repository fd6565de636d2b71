using OpenGov.Data.Import;

namespace OpenGov.Tests.Import;

/// <summary>The export's value forms, one case each, as the mapping table documents them.</summary>
public sealed class OgpValuesTests
{
    [TestCase("2015", "2015", null)]
    [TestCase("July 2014", "2014-07", null)]
    [TestCase("9/1/2018", "2018-09-01", null)]
    [TestCase("6/1/18", "2018-06-01", null)]
    [TestCase("01/6/2011", "2011-01-06", null)]
    [TestCase("28/5/2014", "2014-05-28", "date_day_first")]
    [TestCase("43525", "2019-03-01", "date_spreadsheet_serial")]
    [TestCase("Quarter 1 2014", null, "date_unparsed")]
    [TestCase("I quarter of 2021", null, "date_unparsed")]
    [TestCase("Underway", null, "date_unparsed")]
    [TestCase("7/15/1905", null, "date_out_of_range")]
    [TestCase("2/30/2020", null, "date_unparsed")]
    [TestCase("NA", null, null)]
    [TestCase("", null, null)]
    public void DatesBecomeIsoAtTheirPrecisionOrStayRaw(string cell, string? iso, string? warning)
    {
        var (date, _) = OgpValues.Dates(cell, "NA");
        var raw = iso is null && warning is not null ? cell : null;
        Assert.That(date, Is.EqualTo(new OgpValues.ParsedDate(iso, raw, warning)));
    }

    [Test]
    public void ADayMonthDateIsKeptRawInARowThatWritesItsOtherDateDayFirst()
    {
        var (start, end) = OgpValues.Dates("1/7/2014", "31/12/2016");
        Assert.That((start, end.Iso), Is.EqualTo((new OgpValues.ParsedDate(null, "1/7/2014", "date_ambiguous_order"), "2016-12-31")));
        Assert.That(OgpValues.Dates("1/1/2014", "31/12/2014").Start.Iso, Is.EqualTo("2014-01-01"), "same day and month: no ambiguity");
    }

    [TestCase("Tbilisi, Georgia", "tbilisi-georgia")]
    [TestCase("Côte d'Ivoire", "cote-d-ivoire")]
    [TestCase("Łódź", "lodz")]
    [TestCase("Міністерство юстиції", "міністерство-юстиції")]
    public void SlugsAreLowercaseAsciiWhereTheScriptAllows(string name, string slug) =>
        Assert.That(OgpValues.Slug(name), Is.EqualTo(slug));

    [Test]
    public void ALongNameGetsAShortSlugThatStillTellsNamesApart()
    {
        var a = OgpValues.Slug(new string('a', 90) + " one");
        var b = OgpValues.Slug(new string('a', 90) + " two");
        Assert.That(a, Has.Length.LessThanOrEqualTo(89).And.Not.EqualTo(b));
    }

    [TestCase("Ministry of Justice", new[] { "Ministry of Justice" })]
    [TestCase("GGI; IDFI; GIZ", new[] { "GGI", "IDFI", "GIZ" })]
    [TestCase("• Defensoría del Pueblo • Consejo de Participación", new[] { "Defensoría del Pueblo", "Consejo de Participación" })]
    [TestCase("Administration of the Council of Ministers, Ministry of Justice", new[] { "Administration of the Council of Ministers", "Ministry of Justice" })]
    [TestCase("CSOs, private sector, working groups", new[] { "CSOs, private sector, working groups" })]
    [TestCase("Minister for Local Affairs (MLA), Ministry of Justice, etc.", new[] { "Minister for Local Affairs (MLA), Ministry of Justice, etc." })]
    [TestCase("Nova Radio d.d.; Audit Office.", new[] { "Nova Radio d.d.", "Audit Office" })]
    [TestCase("1. Ministry of Finance 2. Central Bank, 3. Audit Office", new[] { "Ministry of Finance", "Central Bank", "Audit Office" })]
    [TestCase("Ministry of Finance 2. Central Bank 3. Audit Office", new[] { "Ministry of Finance", "Central Bank", "Audit Office" })]
    [TestCase("Report of 2014 3. Annex", new[] { "Report of 2014 3. Annex" })]
    [TestCase("(a) Secretary General,\n(b) Legal Bureau.\n(c) Audit Office", new[] { "Secretary General", "Legal Bureau", "Audit Office" })]
    [TestCase("Ministry of Health\nCentral Bank", new[] { "Ministry of Health", "Central Bank" })]
    [TestCase("National Agency of\nInformation Society", new[] { "National Agency of Information Society" })]
    [TestCase("Unit for Access to Public Information\n(UAIP).", new[] { "Unit for Access to Public Information (UAIP)" })]
    [TestCase("Office of the Go-\nvernment", new[] { "Office of the Government" })]
    [TestCase("State actors involved Ministry of Justice, Audit Office Other Actors Involved Transparency Forum", new[] { "Ministry of Justice", "Audit Office", "Transparency Forum" })]
    [TestCase("Government: Ministry of Health; CSOs: Open Data Forum", new[] { "Ministry of Health", "Open Data Forum" })]
    [TestCase("Ministry of Finance, Budget and National Planning", new[] { "Ministry of Finance, Budget and National Planning" })]
    [TestCase("Ministry of Finance, Audit Office, and the Central Bank", new[] { "Ministry of Finance", "Audit Office", "the Central Bank" })]
    [TestCase("Audit   Office – Legal Unit.", new[] { "Audit Office - Legal Unit" })]
    [TestCase("Audit Office\n41\nCentral Bank", new[] { "Audit Office", "Central Bank" })]
    [TestCase("Audit Office; audit office", new[] { "Audit Office" })]
    [TestCase("Ministry of Finance (Budget, Treasury), Central Bank", new[] { "Ministry of Finance (Budget, Treasury)", "Central Bank" })]
    [TestCase("Presidential Communications Operations Office (PCOO) Senate of the Philippines", new[] { "Presidential Communications Operations Office (PCOO)", "Senate of the Philippines" })]
    [TestCase("Standards in Public Office Commission (SIPO). Transparency International Ireland", new[] { "Standards in Public Office Commission (SIPO)", "Transparency International Ireland" })]
    [TestCase("Mr. Chingiz Beksultanov", new[] { "Mr. Chingiz Beksultanov" })]
    [TestCase("NGO Transparency International Ukraine (by agreement) Energy Transparency Association (by agreement)", new[] { "NGO Transparency International Ukraine", "Energy Transparency Association" })]
    [TestCase("Parliament of the Czech Republic (within the normal course of the legislative process)", new[] { "Parliament of the Czech Republic" })]
    [TestCase("Ministry of Finance (Secretary to Treasury; Debt and Aid Division); Reserve Bank of Malawi", new[] { "Ministry of Finance (Secretary to Treasury; Debt and Aid Division)", "Reserve Bank of Malawi" })]
    [TestCase("- Dirección General de Digitalización \n  Legislativa\n - Secretaría General", new[] { "Dirección General de Digitalización Legislativa", "Secretaría General" })]
    [TestCase("Comisión Especial de Parlamento \n  Abierto", new[] { "Comisión Especial de Parlamento Abierto" })]
    [TestCase("Public Sector Reform\nUnit, Directorate of Science", new[] { "Public Sector Reform Unit", "Directorate of Science" })]
    [TestCase("Department of Housing, Local Government and Heritage", new[] { "Department of Housing, Local Government and Heritage" })]
    [TestCase("Federal Ministry of the Interior, Building and Community", new[] { "Federal Ministry of the Interior, Building and Community" })]
    [TestCase("Ministry of Public Administration, Community of Municipalities", new[] { "Ministry of Public Administration", "Community of Municipalities" })]
    [TestCase("Ministry of the Environment, State Geology and Subsoil Resources Service", new[] { "Ministry of the Environment", "State Geology and Subsoil Resources Service" })]
    [TestCase("Information Technology, Post, and Telecommunications Authority", new[] { "Information Technology, Post, and Telecommunications Authority" })]
    [TestCase("Central Bank, the National Assembly, \"EKENG\" CJSC", new[] { "Central Bank", "the National Assembly", "\"EKENG\" CJSC" })]
    [TestCase("MoJ & MoF", new[] { "MoJ", "MoF" })]
    [TestCase("private sector, working groups, Multilaterals etc Mzalendo, CRECO", new[] { "Mzalendo", "CRECO" })]
    [TestCase("Other government agencies involved: National Business Center", new[] { "National Business Center" })]
    [TestCase("NA", new string[0])]
    [TestCase("N/A", new string[0])]
    [TestCase("", new string[0])]
    public void InstitutionsSplitOnlyWhereNoNameIsCutInTwo(string cell, string[] names) =>
        Assert.That(OgpInstitutions.Split(cell), Is.EqualTo(names));

    [TestCase("The Estonian Co-operation Assembly", "Estonian Cooperation Assembly")]
    [TestCase("MINISTRY OF ADMINISTRATION", "Ministry of Administration")]
    [TestCase("Attorney-General’s Department", "Attorney General's Department")]
    [TestCase("Ministerio Secretaría General", "Ministerio Secretaria General")]
    public void SpellingsThatDifferOnlyInFormShareAKey(string a, string b) =>
        Assert.That(OgpInstitutions.Key(a), Is.EqualTo(OgpInstitutions.Key(b)));

    [TestCase("Ministry of Finance", "Ministry of Justice")]
    [TestCase("The Hague Office", "Hague Office Ltd")]
    public void DifferentNamesDoNotShareAKey(string a, string b) =>
        Assert.That(OgpInstitutions.Key(a), Is.Not.EqualTo(OgpInstitutions.Key(b)));

    [Test]
    public void EveryPolicyAreaOfTheExportHasAFrenchAndASpanishName() =>
        Assert.That(OgpColumns.PolicyAreas.Select(OgpValues.Slug)
            .Where(id => OgpPolicyAreaNames.Of(id) is not ({ Length: > 0 }, { Length: > 0 })), Is.Empty);

    [Test]
    public void EveryColumnOfTheRealExportIsKnownAndDocumented()
    {
        var header = OgpCsv.Load(OgpCsv.PathOrSkip()).Header;
        var mapping = File.ReadAllText(Path.Combine(Support.Repo.Root, "OpenGov.Data", "Import", "MAPPING.md"));
        Assert.Multiple(() =>
        {
            Assert.That(header, Has.Count.EqualTo(171));
            Assert.That(header.Where(h => !OgpColumns.Known.Contains(h)), Is.Empty, "columns the importer does not know");
            Assert.That(header.Where(h => !mapping.Contains($"| `{h}` |", StringComparison.Ordinal)), Is.Empty, "columns MAPPING.md does not account for");
            Assert.That(OgpColumns.PolicyAreas.Select(OgpValues.Slug).Distinct().Count(), Is.EqualTo(OgpColumns.PolicyAreas.Count), "two policy areas share an id");
        });
    }
}
