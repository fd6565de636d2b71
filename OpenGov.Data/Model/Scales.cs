namespace OpenGov.Data.Model;

// The IRM's rating scales and the other closed vocabularies of the data. The API writes them in
// snake_case (NotStarted -> not_started); the database stores that same spelling. Each summary is
// the description of its scale in the contract: its values in order, and what they mean to a
// reader of the IRM's reports.

/// <summary>
/// Why a rating has no value, where it has none. The reasons are different answers and are kept
/// apart: no_data (OGP's ND: the IRM gives no data for it), not_reviewed (NR: the IRM did not
/// review it), not_applicable (NA: the rating does not apply, e.g. a did-it-open-government rating
/// for an OGP value the commitment is not relevant to), blank (an empty cell, or a rating shown
/// blank on OGP's page). None of them is ever turned into a value.
/// </summary>
public enum MissingReason { NoData, NotReviewed, NotApplicable, Blank }

/// <summary>
/// How precisely the commitment says what will be done, in order: none (no verifiable deliverable
/// or milestone) &lt; low (an activity that can be measured with some interpretation) &lt; medium
/// (an activity that can be verified, without clearly measurable milestones) &lt; high (clear,
/// measurable, verifiable milestones). The IRM rated it for plans before 2020.
/// </summary>
public enum Specificity { None, Low, Medium, High }

/// <summary>Whether the commitment is specific enough for its completion to be checked: yes or no (no order).</summary>
public enum Verifiable { Yes, No }

/// <summary>
/// How much the commitment could change practice in its policy area if fully carried out, as the
/// IRM judged it from its design (plans before 2020), in order: none (it keeps the status quo)
/// &lt; minor (an incremental but positive step) &lt; moderate (a major step forward, limited in
/// scale or scope) &lt; transformative (it could reform business as usual).
/// </summary>
public enum PotentialImpact { None, Minor, Moderate, Transformative }

/// <summary>
/// The potential for results of a commitment of a plan from 2020 on (its ambition): unclear (the
/// IRM could not tell; outside the order), then in order modest (a positive but stand-alone
/// change) &lt; substantial (a possible game changer for rules, policies or institutions).
/// </summary>
public enum PotentialForResults { Unclear, Modest, Substantial }

/// <summary>
/// How much of the commitment had been carried out when the IRM assessed it, in order:
/// not_started &lt; limited &lt; substantial &lt; complete. Outside the order: withdrawn (the
/// government dropped the commitment), unclear (the evidence does not say), no_evidence (the IRM
/// found no evidence of progress). At mid-term it is progress halfway through the plan; at end of
/// term (or in the results report, for plans from 2020), what had been done by the plan's end.
/// </summary>
public enum Completion { NotStarted, Limited, Substantial, Complete, Withdrawn, Unclear, NoEvidence }

/// <summary>
/// Did it open government: how far government practice changed because of the commitment, overall
/// or for one OGP value, in order: worsened &lt; did_not_change &lt; marginal (some change, small
/// for the problem) &lt; major (a step forward in its area, limited in scope or scale) &lt;
/// outstanding (a reform of government practice). Outside the order: no_early_results_yet (OGP's
/// "No early results to report yet").
/// </summary>
public enum Diog { Worsened, DidNotChange, Marginal, Major, Outstanding, NoEarlyResultsYet }

/// <summary>
/// The early results the IRM saw by the end of the plan. Plans before 2020 are rated on the
/// did-it-open-government scale (worsened &lt; did_not_change &lt; marginal &lt; major &lt;
/// outstanding; UK0075: marginal), plans from 2020 on their own: no_notable_results &lt; moderate
/// &lt; significant. The two scales do not compare with each other, so early_results takes no
/// __gte filter.
/// </summary>
public enum EarlyResults { Worsened, DidNotChange, Marginal, Major, Outstanding, NoNotableResults, Moderate, Significant }

/// <summary>
/// OGP's values, which the IRM judges each commitment's relevance by: access_to_information (the
/// public gets more or better information), civic_participation (more chances for the public to
/// inform or influence decisions), public_accountability (rules or mechanisms that make officials
/// answer for their actions), technology_and_innovation (technology used for any of the other three).
/// </summary>
public enum OgpValue { AccessToInformation, CivicParticipation, PublicAccountability, TechnologyAndInnovation }

/// <summary>
/// The IRM's stages, in the order they happen: design (the action plan review: the commitment as
/// written) &lt; midterm (the mid-term or progress report, about halfway through the plan) &lt;
/// end_of_term (the end-of-term report, after the plan's cycle) &lt; results (the results report
/// that replaced it for plans from 2020).
/// </summary>
public enum IrmStage { Design, Midterm, EndOfTerm, Results }

/// <summary>Whether an OGP member is a country (national) or a local government (local).</summary>
public enum MemberKind { National, Local }

/// <summary>Whether a plan or commitment is being carried out now (active) or is over (inactive).</summary>
public enum Status { Active, Inactive }

/// <summary>What an institution does for a commitment: lead (responsible for it) or supporting.</summary>
public enum InstitutionRole { Lead, Supporting }
