namespace OpenGov.Data.Model;

/// <summary>A commitment: one numbered promise of an action plan, with who carries it out, what it is about, and how the IRM rated it.</summary>
/// <param name="Id" example="UK0075">OGP's id of the commitment: a member code and a number (UK0075). Look-ups ignore case.</param>
/// <param name="ActionPlan">The action plan the commitment belongs to.</param>
/// <param name="Member">The member whose commitment it is.</param>
/// <param name="Number" example="13">The commitment's number in its plan, as the plan writes it (text: some plans number 1.1, 2a...).</param>
/// <param name="Title" example="Permanent collaborative approach to open government reform">The commitment's title in the language served.</param>
/// <param name="ShortTitle" example="Collaborative approach to open government reform">A shorter title, where the source has one.</param>
/// <param name="Status">Whether the commitment is being carried out now (active) or is over (inactive); OGP's page shows it as "Statut".</param>
/// <param name="Theme" example="Open government process">The theme the plan files the commitment under, where it gives one.</param>
/// <param name="StartDate" example="2016-05">When the commitment starts, ISO 8601 at the precision published: 2016, 2016-05 or 2016-05-01 (never a made-up day). Null where the source gives no date, or none that can be read (then start_date_raw holds its text).</param>
/// <param name="EndDate" example="2018-06">When the commitment ends, ISO 8601 at the precision published; null as for start_date.</param>
/// <param name="StartDateRaw" example="Spring 2015">The publisher's text for the start date, where it is not a date that can be read (a season, a quarter, free text, as in OGP's export: Spring 2015); null otherwise.</param>
/// <param name="EndDateRaw" example="Quarter 1 2014">The publisher's text for the end date, where it is not a date that can be read; null otherwise.</param>
/// <param name="LeadInstitutions" example='[{"id":"cabinet-office","name":"Cabinet Office"},{"id":"involve","name":"Involve"}]'>The institutions responsible for the commitment ("Institution principale"), in the order the source lists them.</param>
/// <param name="SupportingInstitutions" example='[{"id":"uk-government-departments","name":"UK government departments"},{"id":"uk-parliament","name":"UK Parliament"}]'>The institutions that support it, government and civil society ("Institution(s) de soutien"), in the source's order.</param>
/// <param name="PolicyAreas" example='[{"id":"e-government","name":"E-Government"},{"id":"public-participation","name":"Public Participation"}]'>The policy areas the commitment is tagged with ("Domaines politiques").</param>
/// <param name="OgpValues" example='["access_to_information","civic_participation"]'>The OGP values the IRM found the commitment relevant to, at any stage ("En rapport avec les valeurs de l'OGP"): access_to_information, civic_participation, public_accountability, technology_and_innovation.</param>
/// <param name="Description">The commitment's text, in sections.</param>
/// <param name="IrmReports" example='[{"id":"united-kingdom-mid-term-report-2016-2018","name":"United Kingdom Mid-Term Report 2016-2018"},{"id":"united-kingdom-end-of-term-report-2016-2018","name":"United Kingdom End-of-Term Report 2016-2018"}]'>The IRM reports that rate the commitment, in stage order.</param>
/// <param name="IrmRatings">The IRM's ratings of the commitment, one record per stage that rated it, in stage order (design, midterm, end_of_term, results); also at /v1/commitments/{id}/irm-ratings.</param>
/// <param name="IrmSummary">The ratings summarised across the stages, one value each: what the rating filters of /v1/commitments compare.</param>
/// <param name="Url" example="https://www.opengovpartnership.org/members/united-kingdom/commitments/UK0075/">The commitment's page on OGP's site; null where it has none.</param>
/// <param name="Illustrative" example="false">True for made-up records that only show the API's values (XE0001 to XE0007, XC0001 in the sample); false for real data.</param>
/// <param name="Lang" example="en">The language the record's text is served in (en, fr or es): the one asked for, or its source language where it has no translation.</param>
/// <param name="Snippet" example="…The plan is to be treated as a &lt;mark&gt;rolling&lt;/mark&gt; plan, with new commitments developed and added…">On a full-text search (q) only: the passage that matches, the matching words in &lt;mark&gt;; null otherwise.</param>
public sealed record Commitment(
    string Id, Ref ActionPlan, Ref Member, string? Number, string? Title, string? ShortTitle, Status Status,
    string? Theme, [property: PublishedDate] string? StartDate, [property: PublishedDate] string? EndDate, string? StartDateRaw, string? EndDateRaw,
    IReadOnlyList<Ref> LeadInstitutions, IReadOnlyList<Ref> SupportingInstitutions, IReadOnlyList<Ref> PolicyAreas,
    IReadOnlyList<OgpValue> OgpValues, Description Description, IReadOnlyList<Ref> IrmReports,
    IReadOnlyList<IrmRating> IrmRatings, IrmSummary IrmSummary, string? Url, bool Illustrative, string Lang,
    string? Snippet) : ILocalizedResource;

/// <summary>
/// The commitment's ratings as the filters of /v1/commitments see them: for each, the value the
/// latest IRM stage gave, else the latest reason it is missing (no_data, not_reviewed,
/// not_applicable, blank); null where no stage assessed it. The values are those of each rating's
/// scale (see IrmRating), written as text, so that one field can hold a value or a reason.
/// </summary>
/// <param name="Completion" example="complete">Completion as last assessed: at end of term (or in the results report) where the IRM got that far, else at mid-term. Scale: not_started &lt; limited &lt; substantial &lt; complete; or withdrawn, unclear, no_evidence.</param>
/// <param name="CompletionMidterm" example="substantial">Completion at mid-term: how much of the commitment had been carried out when the IRM wrote its mid-term (progress) report, about halfway through the plan. Same scale as completion.</param>
/// <param name="CompletionEndOfTerm" example="complete">Completion at end of term: how much of the commitment had been carried out by the end of the plan's cycle, as the IRM's end-of-term report found (for plans from 2020, its results report). Same scale as completion.</param>
/// <param name="Starred" example="false">Whether the IRM starred the commitment (true or false): its mark for exemplary commitments, which had to be specific enough to verify, relevant to an OGP value, of transformative potential impact and substantially or completely carried out.</param>
/// <param name="Verifiable" example="yes">Whether the commitment is specific enough for its completion to be checked: yes or no.</param>
/// <param name="Specificity" example="no_data">How precisely the commitment says what will be done (plans before 2020): none &lt; low &lt; medium &lt; high.</param>
/// <param name="PotentialImpact" example="blank">How much the commitment could change practice in its policy area if fully carried out, as the IRM judged it from its design (plans before 2020): none &lt; minor &lt; moderate &lt; transformative.</param>
/// <param name="Ambition" example="substantial">The potential for results of a commitment of a plan from 2020 on, which replaced potential impact: unclear, or modest &lt; substantial.</param>
/// <param name="Diog" example="no_data">Did it open government, overall: how far government practice changed because of the commitment, by the end of the plan: worsened &lt; did_not_change &lt; marginal &lt; major &lt; outstanding; or no_early_results_yet.</param>
/// <param name="EarlyResults" example="marginal">The early results the IRM saw by the end of the plan: on the did-it-open-government scale for plans before 2020 (UK0075: marginal), no_notable_results, moderate or significant for plans from 2020.</param>
/// <param name="CarriedForward" example="false">Whether the commitment was carried forward into the member's next action plan: true or false.</param>
public sealed record IrmSummary(
    string? Completion, string? CompletionMidterm, string? CompletionEndOfTerm, string? Starred, string? Verifiable,
    string? Specificity, string? PotentialImpact, string? Ambition, string? Diog, string? EarlyResults, string? CarriedForward)
{
    /// <summary>Whether the IRM starred the commitment, as a JSON boolean like the value of an IRM rating's starred: null where starred holds a reason it is missing, or nothing.</summary>
    /// <example>false</example>
    public bool? StarredValue => Flag(Starred);

    /// <summary>Whether the commitment was carried forward into the next plan, as a JSON boolean like the value of an IRM rating's carried_forward: null where carried_forward holds a reason it is missing, or nothing.</summary>
    /// <example>false</example>
    public bool? CarriedForwardValue => Flag(CarriedForward);

    static bool? Flag(string? value) => value switch { "true" => true, "false" => false, _ => null };
}

/// <summary>The sections of a commitment's text, in the language served; OGP's export holds only the full text, the plans' own pages the sections.</summary>
/// <param name="CommitmentText" example="Keep finding, shaping and delivering strong open government commitments all through the plan, working with partners in the governments, parliaments and civil society of every part of the United Kingdom.">What the government commits to do, in the plan's words.</param>
/// <param name="Objective" example="Make the UK's Open Government Partnership process a lasting platform where governments, parliaments and civil society across the UK talk, work together and reform government in the open.">What the commitment aims to achieve.</param>
/// <param name="StatusQuo" example="Writing this plan with partners from government, Parliament and civil society brought in more ideas and energy than government alone would have.">The situation or problem the commitment starts from.</param>
/// <param name="Ambition" example="Citizens and civil society are drivers of open government, not only its beneficiaries.">What the commitment would change, in the plan's words (not the IRM's ambition rating, which is in irm_summary).</param>
/// <param name="FullText">The commitment's whole text, as OGP's export holds it, where it has no sections (the sample's commitments have sections, so null).</param>
public sealed record Description(
    string? CommitmentText, string? Objective, string? StatusQuo, string? Ambition, string? FullText);

/// <summary>A milestone: one numbered step of a commitment ("Jalons" on OGP's page).</summary>
/// <param name="Id" example="UK0075-1">The commitment's id and the milestone's number.</param>
/// <param name="Commitment">The commitment the milestone belongs to.</param>
/// <param name="Number" example="1">The milestone's number within its commitment, from 1.</param>
/// <param name="Text" example="Government and civil society agree and publish a way of implementing the plan that makes progress on commitments visible and gives forums where government can be held to account at every level.">What the milestone is to achieve, in the language served.</param>
/// <param name="StartDate" example="2016-05">When the milestone starts, ISO 8601 at the precision published; null where the source gives none (as for UK0075's milestones).</param>
/// <param name="EndDate" example="2018-06">When the milestone is due, ISO 8601 at the precision published; null where the source gives none.</param>
/// <param name="Lang" example="en">The language the record's text is served in (en, fr or es).</param>
public sealed record Milestone(
    string Id, Ref Commitment, int Number, string? Text, [property: PublishedDate] string? StartDate, [property: PublishedDate] string? EndDate, string Lang) : ILocalizedResource;
