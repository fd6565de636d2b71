namespace OpenGov.Data.Import;

/// <summary>
/// One row of the export as the database stores it: the commitment, its institution and policy-area
/// links and its IRM stages. OgpMapper makes it (on a thread of its own, with every check and warning);
/// OgpWriter only writes it.
/// </summary>
internal sealed record OgpRecord(
    OgpCommitment Commitment,
    List<OgpInstitutionLink> Institutions,
    List<string> PolicyAreas,
    List<OgpStage> Stages,
    // How far into the file the row ends, for progress.
    long Position);

/// <summary>A commitment row, by its columns in the commitment table.</summary>
internal sealed record OgpCommitment(
    string Id, string ActionPlanId, string MemberId, string? Number, string? Title, string? ShortTitle, string? FullText,
    string Status, string? Theme, string? StartDate, string? EndDate, string? StartDateRaw, string? EndDateRaw, string? Url);

/// <summary>A commitment_institution row of the record's commitment, and the name the institution is stored with.</summary>
internal readonly record struct OgpInstitutionLink(string InstitutionId, string Role, int Position, string Name);

/// <summary>An irm_rating row of the record's commitment (and its OGP values and raw ratings), with the report it comes from.</summary>
internal sealed record OgpStage(string ReportId, StageRatings Ratings);
