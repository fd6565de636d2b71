using System.Text.Json;
using System.Text.Json.Serialization;
using OpenGov.Data.Releases;

namespace OpenGov.Data.Model;

/// <summary>
/// A release: the data as one import (or build) published it. A release never changes once
/// published; every URL of the API answers as a release said with ?release={id}, until the
/// release's data is pruned (then 410 Gone; its record here and its changes stay).
/// </summary>
/// <param name="Id" example="sample-a90091c79b285a53">The release's id: its data version, a hash of what it was built from. Pass it as ?release= to read the data as this release said, or as since= to /v1/changes.</param>
/// <param name="Number" example="1">The release's place in the order of publication: 1 for the first this service published.</param>
/// <param name="PublishedAt" example="2026-12-03T16:43:00Z">When the release was published (UTC).</param>
/// <param name="SourceFile" example="ogp-commitments-2024-07.csv">The name of the file the release was imported from; null for a build of the sample data.</param>
/// <param name="SourceSha256" example="9f2c1e0d4b6a8c3e5f7a9b1d2c4e6f8a0b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e">The SHA-256 of that file, to check a copy of it against; null where there is none.</param>
/// <param name="Note" example="OGP export of 3 July 2024">The publisher's note on the release (import --note); null where none was given.</param>
/// <param name="Counts" example='{"members":75,"action_plans":214,"action-plans":214,"commitments":558}'>How many records of each collection the release holds, by collection: members, action_plans, commitments, milestones, irm_ratings, irm_reports, institutions, policy_areas. The keys with a hyphen (action-plans, irm-ratings, irm-reports, policy-areas) are the same counts under the names of the collections' paths: deprecated since 2026-12-07 (use the snake_case keys), served as long as v1 is.</param>
/// <param name="Changes" example='{"commitments":{"added":1,"changed":2,"removed":1}}'>Per collection, how many records the release added, changed and removed since the release before it (the first release added all of them); keyed as counts is, with the same deprecated keys with a hyphen.</param>
/// <param name="Previous" example="ogp-b0d6ce719e62841f">The release before this one; null for the first.</param>
/// <param name="Current" example="true">Whether this is the release /v1 serves now.</param>
/// <param name="Citation" example="OpenGov API (2026). Open Government Partnership commitments, release 1 (sample-a90091c79b285a53), published 2026-12-03 [Data set]. http://localhost:5080/v1?release=sample-a90091c79b285a53">How to cite the data as this release holds it: publisher, year, title, release number and id, date of publication, and the URL to cite.</param>
/// <param name="CiteUrl" example="http://localhost:5080/v1?release=sample-a90091c79b285a53">The URL to cite: the data as this release holds it, which never changes (every URL under /v1 takes the same ?release=).</param>
public sealed record Release(
    string Id, long Number, DateTimeOffset PublishedAt, string? SourceFile, string? SourceSha256, string? Note,
    IReadOnlyDictionary<string, long> Counts, IReadOnlyDictionary<string, ChangeCounts> Changes, string? Previous, bool Current,
    string? Citation = null, string? CiteUrl = null) : ILocalizedResource
{
    /// <summary>Releases are not translated: their answers are in English.</summary>
    [JsonIgnore] public string Lang => "en";
}

/// <summary>A record that a release added, changed or removed.</summary>
/// <param name="Collection" example="commitments">The collection the record belongs to, as its path under /v1 names it: members, action-plans, commitments, milestones, irm-ratings, irm-reports, institutions or policy-areas.</param>
/// <param name="Id" example="UK0075">The record's id in its collection.</param>
/// <param name="Change">What the release did to the record: added, changed or removed.</param>
/// <param name="Release" example="sample-a90091c79b285a53">The release in which the record changed: read the record as it was then with ?release={release}. A removed record is not in it: it was last in the release before (previous in /v1/releases/{release}).</param>
/// <param name="ReleaseNumber" example="2">That release's number (1 for the first; number in /v1/releases).</param>
/// <param name="PublishedAt" example="2026-12-03T16:43:00Z">When that release was published (UTC).</param>
/// <param name="Name" example="Permanent collaborative approach to open government reform">The record's title or name as the release in which it changed had it (?release={release} serves the same), in English where it has one: for a removed record, as the last release that had it.</param>
/// <param name="Member" example="united-kingdom">The id of the member the record belongs to; null for institutions and policy areas, which belong to none.</param>
/// <param name="Fields">For a change: each top-level key of the record whose value differs, with its value before and after (nested values whole, as the JSON shows them). Null for an addition or a removal.</param>
public sealed record RecordChange(
    string Collection, string Id, ChangeKind Change, string Release, long ReleaseNumber, DateTimeOffset PublishedAt, string? Name, string? Member,
    IReadOnlyList<FieldChange>? Fields) : ILocalizedResource
{
    [JsonIgnore] public string Lang => "en";
}

/// <summary>One key of a record whose value a release changed.</summary>
/// <param name="Field" example="status">The key, as the record's JSON names it.</param>
/// <param name="Lang" example="en">The language in which the difference was first seen: en, unless only a translation changed (a French title: fr).</param>
/// <param name="Before" example="active">The value before, as the record's JSON gave it in that language (null where the key was absent).</param>
/// <param name="After" example="inactive">The value after.</param>
public sealed record FieldChange(string Field, string Lang, JsonElement Before, JsonElement After);

/// <summary>What a release did to a record.</summary>
public enum ChangeKind { Added, Changed, Removed }
