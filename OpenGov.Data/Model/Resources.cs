namespace OpenGov.Data.Model;

// What the API publishes. Property names become snake_case JSON keys; a related record comes as
// a Ref (id and name) so that a reader can print a table without a second call.

/// <summary>A related record: its id and its name in the language served.</summary>
public sealed record Ref(string Id, string? Name);

public sealed record Member(
    string Id, string Name, string? Iso3, string? Region, MemberKind Kind, string? Url, bool Illustrative, string Lang) : ILocalizedResource;

public sealed record ActionPlan(
    string Id, Ref Member, int? Number, string? Title, int? Cycle, int? StartYear, int? EndYear, Status Status,
    string? Url, bool Illustrative, string Lang) : ILocalizedResource;

public sealed record Commitment(
    string Id, Ref ActionPlan, Ref Member, string? Number, string? Title, string? ShortTitle, Status Status,
    string? Theme, string? StartDate, string? EndDate, string? StartDateRaw, string? EndDateRaw,
    IReadOnlyList<Ref> LeadInstitutions, IReadOnlyList<Ref> SupportingInstitutions, IReadOnlyList<Ref> PolicyAreas,
    IReadOnlyList<OgpValue> OgpValues, Description Description, IReadOnlyList<Ref> IrmReports,
    IReadOnlyList<IrmRating> IrmRatings, IrmSummary IrmSummary, string? Url, bool Illustrative, string Lang,
    string? Snippet) : ILocalizedResource;

/// <summary>
/// The commitment's ratings as the filters of /v1/commitments see them: for each, the value the
/// latest IRM stage gave, else the latest reason it is missing (no_data, not_reviewed,
/// not_applicable, blank); null where no stage assessed it.
/// </summary>
public sealed record IrmSummary(
    string? Completion, string? CompletionMidterm, string? CompletionEndOfTerm, string? Starred, string? Verifiable,
    string? Specificity, string? PotentialImpact, string? Ambition, string? Diog, string? EarlyResults, string? CarriedForward);

/// <summary>The sections of a commitment's text; OGP's export holds only the full text.</summary>
public sealed record Description(
    string? CommitmentText, string? Objective, string? StatusQuo, string? Ambition, string? FullText);

public sealed record Milestone(
    string Id, Ref Commitment, int Number, string? Text, string? StartDate, string? EndDate, string Lang) : ILocalizedResource;

public sealed record IrmReport(
    string Id, Ref ActionPlan, Ref Member, IrmStage Kind, int? Year, string? Title, string? Url, string Lang) : ILocalizedResource;

/// <summary>
/// One rating: its value on the IRM scale, or the reason there is none, or (Raw) the publisher's
/// text, where it is not a value of the scale. Null in place of the whole object means the stage
/// does not assess this rating.
/// </summary>
public sealed record Rating<T>(T? Value, MissingReason? Missing, string? Raw) where T : struct;

/// <summary>The OGP values the IRM found the commitment relevant to, or why there are none, or (Raw) the publisher's text, where it is not a value of the scale.</summary>
public sealed record RelevanceRating(IReadOnlyList<OgpValue>? Value, MissingReason? Missing, string? Raw);

public sealed record IrmNote(int Number, string? Text, string? Url);

public sealed record IrmRating(
    string Id, Ref Commitment, IrmStage Stage, Ref? IrmReport,
    Rating<Specificity>? Specificity, Rating<Verifiable>? Verifiable, RelevanceRating? Relevance,
    Rating<PotentialImpact>? PotentialImpact, Rating<PotentialForResults>? PotentialForResults,
    Rating<Completion>? Completion, Rating<bool>? Starred, Rating<EarlyResults>? EarlyResults,
    Rating<Diog>? Diog, Rating<Diog>? DiogAccessToInformation, Rating<Diog>? DiogCivicParticipation,
    Rating<Diog>? DiogPublicAccountability, Rating<Diog>? DiogTechnologyAndInnovation,
    Rating<bool>? CarriedForward, string? Narrative, IReadOnlyList<IrmNote> Notes, string Lang) : ILocalizedResource;

public sealed record Institution(string Id, string? Name, string Lang) : ILocalizedResource;

public sealed record PolicyArea(string Id, string Name, string Lang) : ILocalizedResource;

/// <summary>What the /v1 index says about the data it serves.</summary>
public sealed record DatasetInfo(
    string DataVersion, string Source, string Licence, string BuiltAt, int SchemaVersion,
    IReadOnlyDictionary<string, long> Counts);

/// <summary>A record whose text fields are served in one language, named by Lang.</summary>
public interface ILocalizedResource
{
    /// <summary>The language the record's text is served in: the one asked for, or its source language where it has no translation.</summary>
    string Lang { get; }
}
