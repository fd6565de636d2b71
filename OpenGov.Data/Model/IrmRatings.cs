namespace OpenGov.Data.Model;

/// <summary>A report of the Independent Reporting Mechanism (IRM), OGP's body that assesses each action plan and its commitments.</summary>
/// <param name="Id" example="united-kingdom-end-of-term-report-2016-2018">The report's id: a slug of its title.</param>
/// <param name="ActionPlan">The action plan the report assesses.</param>
/// <param name="Member">The member whose plan it is.</param>
/// <param name="Kind">The stage of the plan the report covers: design (the action plan review), midterm (the mid-term or progress report), end_of_term, or results (plans from 2020).</param>
/// <param name="Year" example="2017">The year the report was published; null where the source does not say (as for UK0075's two reports).</param>
/// <param name="Title" example="United Kingdom End-of-Term Report 2016-2018">The report's title in the language served.</param>
/// <param name="Url">The report's page or file on OGP's site; null where the source gives none (as for every report of the sample).</param>
/// <param name="Lang" example="en">The language the record's text is served in (en, fr or es).</param>
public sealed record IrmReport(
    string Id, Ref ActionPlan, Ref Member, IrmStage Kind, int? Year, string? Title, string? Url, string Lang) : ILocalizedResource;

/// <summary>
/// One rating: its value on the IRM scale, or the reason there is none, or (Raw) the publisher's
/// text, where it is not a value of the scale. Null in place of the whole object means the stage
/// does not assess this rating.
/// </summary>
/// <param name="Value">The value on the rating's scale (see the scale's schema for its values and their order); null where the rating is missing or off the scale.</param>
/// <param name="Missing">Why there is no value, where there is none: no_data, not_reviewed, not_applicable or blank (OGP's ND, NR, NA and an empty cell); null where there is a value.</param>
/// <param name="Raw" example="1">The publisher's own text, where it is neither a value of the scale nor a reason (OGP's export once has Verifiable "1"): kept as written, never guessed; null otherwise.</param>
public sealed record Rating<T>(T? Value, MissingReason? Missing, string? Raw) where T : struct;

/// <summary>The OGP values the IRM found the commitment relevant to, or why there are none, or (Raw) the publisher's text, where it is not a value of the scale.</summary>
/// <param name="Value" example='["access_to_information","civic_participation"]'>The OGP values the commitment is relevant to, one or more of access_to_information, civic_participation, public_accountability, technology_and_innovation; null where missing.</param>
/// <param name="Missing">Why there is no value, where there is none: no_data, not_reviewed, not_applicable or blank; null where there is a value.</param>
/// <param name="Raw" example="access_to_information=0; civic_participation=0; public_accountability=0; technology_and_innovation=0">The export's four value columns as written, where they make no list of values (all four 0, say); null otherwise.</param>
public sealed record RelevanceRating(IReadOnlyList<OgpValue>? Value, MissingReason? Missing, string? Raw);

/// <summary>A note of an IRM report: a source the IRM cites for its assessment.</summary>
/// <param name="Number" example="133">The note's number in the report.</param>
/// <param name="Text" example="Tim Hughes, &quot;Statement on ongoing government and civil society collaboration on open government&quot;.">The note's text: the source (an interview, a meeting, a document), in the language served.</param>
/// <param name="Url" example="http://www.opengovernment.org.uk/2016/10/07/statement-on-ongoing-government-and-civil-society-collaboration-on-open-government/">Where the source can be read, where the note gives an address; null otherwise.</param>
public sealed record IrmNote(int Number, string? Text, string? Url);

/// <summary>
/// The IRM's ratings of one commitment at one stage. Each rating holds its value, or why it is
/// missing; a rating that is null as a whole is one this stage does not assess: the design stage
/// rates the commitment as written (specificity, verifiable, relevance, potential impact or
/// potential for results), the mid-term, end-of-term and results stages rate what was done
/// (completion, did it open government, early results, starred, carried forward).
/// </summary>
/// <param name="Id" example="UK0075-midterm">The commitment's id and the stage.</param>
/// <param name="Commitment">The commitment rated.</param>
/// <param name="Stage">The IRM stage, which the report it comes from covers: design &lt; midterm &lt; end_of_term &lt; results.</param>
/// <param name="IrmReport">The IRM report the ratings come from; null where the source does not name it.</param>
/// <param name="Specificity">How precisely the commitment says what will be done (plans before 2020). Scale: none &lt; low &lt; medium &lt; high.</param>
/// <param name="Verifiable">Whether the commitment is specific enough for its completion to be checked: yes or no.</param>
/// <param name="Relevance">The OGP values the commitment is relevant to.</param>
/// <param name="PotentialImpact">How much the commitment could change practice in its area if fully carried out (plans before 2020). Scale: none &lt; minor &lt; moderate &lt; transformative.</param>
/// <param name="PotentialForResults">Plans from 2020: the IRM's view of the commitment's potential for results (the ambition filter). Scale: unclear, or modest &lt; substantial.</param>
/// <param name="Completion">How much of the commitment had been carried out at this stage: at mid-term, at end of term (the end of the plan's cycle), or in the results report. Scale: not_started &lt; limited &lt; substantial &lt; complete; or withdrawn, unclear, no_evidence.</param>
/// <param name="Starred">Whether the IRM starred the commitment as exemplary (verifiable, relevant, of transformative potential impact, substantially or completely done).</param>
/// <param name="EarlyResults">Early results by the end of the plan: the did-it-open-government scale for plans before 2020; no_notable_results, moderate or significant for plans from 2020.</param>
/// <param name="Diog">Did it open government, overall: how far government practice changed. Scale: worsened &lt; did_not_change &lt; marginal &lt; major &lt; outstanding; or no_early_results_yet.</param>
/// <param name="DiogAccessToInformation">Did it open government in access to information (same scale); not_applicable where the commitment is not relevant to that value.</param>
/// <param name="DiogCivicParticipation">Did it open government in civic participation (same scale); not_applicable where the commitment is not relevant to that value.</param>
/// <param name="DiogPublicAccountability">Did it open government in public accountability (same scale); not_applicable where the commitment is not relevant to that value.</param>
/// <param name="DiogTechnologyAndInnovation">Did it open government through technology and innovation (same scale); not_applicable where the commitment is not relevant to that value.</param>
/// <param name="CarriedForward">Whether the commitment was carried forward into the member's next action plan.</param>
/// <param name="Narrative" example="Since the mid-term review, officials have held multi-stakeholder meetings every four months and a yearly meeting with the minister responsible for OGP, with civil society attending regularly.">The IRM's account of the commitment at this stage, in the language served (the sample's is our own summary of the report).</param>
/// <param name="Notes" example='[{"number":130,"text":"Cabinet Office, online self-assessment survey: summary of results, September 2017.","url":null}]'>The report's notes on the commitment: the sources of the assessment, by number.</param>
/// <param name="Lang" example="en">The language the record's text is served in (en, fr or es).</param>
public sealed record IrmRating(
    string Id, Ref Commitment, IrmStage Stage, Ref? IrmReport,
    Rating<Specificity>? Specificity, Rating<Verifiable>? Verifiable, RelevanceRating? Relevance,
    Rating<PotentialImpact>? PotentialImpact, Rating<PotentialForResults>? PotentialForResults,
    Rating<Completion>? Completion, Rating<bool>? Starred, Rating<EarlyResults>? EarlyResults,
    Rating<Diog>? Diog, Rating<Diog>? DiogAccessToInformation, Rating<Diog>? DiogCivicParticipation,
    Rating<Diog>? DiogPublicAccountability, Rating<Diog>? DiogTechnologyAndInnovation,
    Rating<bool>? CarriedForward, string? Narrative, IReadOnlyList<IrmNote> Notes, string Lang) : ILocalizedResource;
