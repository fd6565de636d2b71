namespace OpenGov.Data.Model;

// What the API publishes. Property names become snake_case JSON keys; a related record comes as
// a Ref (id and name) so that a reader can print a table without a second call. The XML comments
// are the contract's descriptions (openapi.yaml, /docs): they say what a value means to a reader
// of OGP's pages and the IRM's reports, and their examples come from the sample data in data/.
// Commitments and milestones are in Commitments.cs; IRM reports and ratings in IrmRatings.cs.

/// <summary>A related record: its id and its name in the language served.</summary>
/// <param name="Id" example="united-kingdom">The related record's id, as its own collection knows it.</param>
/// <param name="Name" example="United Kingdom">Its name or title in the language served (its source language where it has no translation); null where it has none.</param>
public sealed record Ref(string Id, string? Name);

/// <summary>An OGP member: a country (national) or a local government (local) that has joined the Open Government Partnership.</summary>
/// <param name="Id" example="united-kingdom">OGP's URL slug for the member: the id every other record refers to it by.</param>
/// <param name="Name" example="United Kingdom">The member's name in the language served.</param>
/// <param name="Iso3" example="GBR">ISO 3166-1 alpha-3 code of the member's country; null for a local member.</param>
/// <param name="Iso2" example="GB">ISO 3166-1 alpha-2 code of the member's country, read from its alpha-3 code; null where that is not a country's code (a local member's).</param>
/// <param name="Region" example="Europe">OGP's region of the member, as OGP names it (Africa and the Middle East, Americas, Asia and the Pacific, Europe).</param>
/// <param name="RegionId" example="europe">The id of the member's region, as the region filter and facets take it: the slug of its name (africa-and-the-middle-east); null where the member has no region.</param>
/// <param name="Kind">Whether the member is a country (national) or a local government (local).</param>
/// <param name="Url" example="https://www.opengovpartnership.org/members/united-kingdom/">The member's page on OGP's site; null where it has none.</param>
/// <param name="Illustrative" example="false">True for the records made up to show every value of the API (members example-republic and example-city in the sample); false for real data.</param>
/// <param name="Lang" example="en">The language the record's text is served in (en, fr or es): the one asked for, or its source language where it has no translation.</param>
public sealed record Member(
    string Id, string Name, string? Iso3, string? Iso2, string? Region, string? RegionId, MemberKind Kind, string? Url, bool Illustrative, string Lang) : ILocalizedResource;

/// <summary>An action plan: the commitments a member makes for a cycle of (usually) two years, co-created with civil society.</summary>
/// <param name="Id" example="AP_GBR03">OGP's id of the plan: AP_, the member's ISO3 code (or a local code), and the plan's number.</param>
/// <param name="Member">The member whose plan it is.</param>
/// <param name="Number" example="3">The plan's number among the member's plans: 3 is its third national action plan.</param>
/// <param name="Title" example="United Kingdom Third National Action Plan 2016-18">The plan's title in the language served.</param>
/// <param name="TitleMade" example="false">True where the publisher gave the plan no title (OGP's commitments export names no plan) and the title was made from the member, the plan's number and its years ("Albania action plan 1, 2012-2014").</param>
/// <param name="Cycle" example="2016">The year of OGP's action plan cycle the plan belongs to, as OGP's pages show it ("Cycle du plan d'action").</param>
/// <param name="StartYear" example="2016">The year the plan starts.</param>
/// <param name="EndYear" example="2018">The year the plan ends.</param>
/// <param name="Status">Whether the plan is being carried out now (active) or is over (inactive).</param>
/// <param name="Url" example="https://www.opengovpartnership.org/documents/united-kingdom-third-national-action-plan-2016-18/">The plan's page on OGP's site; null where it has none.</param>
/// <param name="Illustrative" example="false">True for made-up records that only show the API's values; false for real data.</param>
/// <param name="Lang" example="en">The language the record's text is served in (en, fr or es).</param>
public sealed record ActionPlan(
    string Id, Ref Member, int? Number, string? Title, bool TitleMade, int? Cycle, int? StartYear, int? EndYear, Status Status,
    string? Url, bool Illustrative, string Lang) : ILocalizedResource;

/// <summary>A government body or organisation that leads or supports commitments.</summary>
/// <param name="Id" example="cabinet-office">The institution's id: a slug of its name, after its member's id for a member's own body imported from OGP's export (kenya-parliament); an international body's has no member's id (world-bank).</param>
/// <param name="Name" example="Cabinet Office">Its name in the language served; null where the source gives none.</param>
/// <param name="Lang" example="en">The language the record's text is served in (en, fr or es).</param>
/// <param name="Aliases" example='["The Cabinet Office"]'>The other spellings the source gives this institution (case, a leading "The", hyphens or punctuation apart), which the import took for the same one; empty where it gave one spelling.</param>
/// <param name="International" example="false">True for an international body (the World Bank, UNDP, Transparency International), one institution for every member whose plans name it; false for a member's own body: a name several members use ("Parliament", "Ministry of Finance") is one institution per member.</param>
/// <param name="Members">The members whose commitments the institution leads or supports: one for a member's own body, each of them for an international one; empty where it is linked to no commitment.</param>
public sealed record Institution(string Id, string? Name, string Lang, IReadOnlyList<string> Aliases, bool International, IReadOnlyList<Ref> Members) : ILocalizedResource;

/// <summary>One of OGP's policy-area tags, which commitments are tagged with.</summary>
/// <param name="Id" example="e-government">The policy area's id: a slug of its English name.</param>
/// <param name="Name" example="E-Government">Its name in the language served.</param>
/// <param name="Lang" example="en">The language the record's text is served in (en, fr or es).</param>
public sealed record PolicyArea(string Id, string Name, string Lang) : ILocalizedResource;

/// <summary>What the /v1 index says about the data it serves.</summary>
/// <param name="DataVersion" example="sample-a90091c79b285a53">Names the data served: it changes when the data changes, and only then (ETags and cursors depend on it).</param>
/// <param name="Source" example="Sample dataset of the OpenGov API project: commitment UK0075 as OGP's page shows it, and records marked illustrative.">Where the data comes from: the sample, or the OGP export it was imported from.</param>
/// <param name="Licence" example="CC-BY-4.0">The licence of the data.</param>
/// <param name="BuiltAt" example="2026-11-27T13:32:38Z">When the database was built (UTC, ISO 8601).</param>
/// <param name="SchemaVersion" example="9">The version of the database's layout.</param>
/// <param name="Counts" example='{"members":3,"action_plans":4,"commitments":9,"milestones":20,"irm_reports":8,"irm_ratings":18,"institutions":15,"policy_areas":8}'>How many records each collection holds, by collection (members, action_plans, commitments...).</param>
public sealed record DatasetInfo(
    string DataVersion, string Source, string Licence, string BuiltAt, int SchemaVersion,
    IReadOnlyDictionary<string, long> Counts);

/// <summary>A record whose text fields are served in one language, named by Lang.</summary>
public interface ILocalizedResource
{
    /// <summary>The language the record's text is served in: the one asked for, or its source language where it has no translation.</summary>
    string Lang { get; }
}
