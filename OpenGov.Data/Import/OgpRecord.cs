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
    // The row's cells that are stored otherwise than as written (raw_cell): by column, the text as written.
    List<(string Column, string Text)> RawCells,
    // How far into the file the row ends, for progress.
    long Position);

/// <summary>A commitment row, by its columns in the commitment table.</summary>
internal sealed record OgpCommitment(
    string Id, string ActionPlanId, string MemberId, string? Number, string? Title, string? ShortTitle, string? FullText,
    string Status, string? Theme, string? StartDate, string? EndDate, string? StartDateRaw, string? EndDateRaw, string? Url)
{
    /// <summary>The language of its title, and so of the record (LanguageGuess): title_{lang}, and its source_lang.</summary>
    public string Lang { get; init; } = "en";

    /// <summary>The language of its short title (short_title_{lang}): not always its title's in OGP's export.</summary>
    public string ShortTitleLang { get; init; } = "en";

    /// <summary>The language of its full text (full_text_{lang}).</summary>
    public string FullTextLang { get; init; } = "en";
}

/// <summary>A commitment_institution row of the record's commitment, and the name the institution is stored with.</summary>
internal readonly record struct OgpInstitutionLink(string InstitutionId, string Role, int Position, string Name);

/// <summary>An irm_rating row of the record's commitment (and its OGP values and raw ratings), with the report it comes from.</summary>
internal sealed record OgpStage(string ReportId, StageRatings Ratings);
