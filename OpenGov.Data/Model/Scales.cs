namespace OpenGov.Data.Model;

// The IRM's rating scales and the other closed vocabularies of the data. The API writes them in
// snake_case (NotStarted -> not_started); the database stores that same spelling.

public enum MissingReason { NoData, NotReviewed, NotApplicable, Blank }

public enum Specificity { None, Low, Medium, High }

public enum Verifiable { Yes, No }

public enum PotentialImpact { None, Minor, Moderate, Transformative }

/// <summary>Ambition of plans from 2020 on.</summary>
public enum PotentialForResults { Unclear, Modest, Substantial }

public enum Completion { NotStarted, Limited, Substantial, Complete, Withdrawn, Unclear, NoEvidence }

/// <summary>Did it open government: overall and per OGP value.</summary>
public enum Diog { Worsened, DidNotChange, Marginal, Major, Outstanding, NoEarlyResultsYet }

/// <summary>Older plans use the DIOG scale, plans from 2020 on the last three values.</summary>
public enum EarlyResults { Worsened, DidNotChange, Marginal, Major, Outstanding, NoNotableResults, Moderate, Significant }

public enum OgpValue { AccessToInformation, CivicParticipation, PublicAccountability, TechnologyAndInnovation }

/// <summary>The IRM stages, in the order they happen.</summary>
public enum IrmStage { Design, Midterm, EndOfTerm, Results }

public enum MemberKind { National, Local }

public enum Status { Active, Inactive }

public enum InstitutionRole { Lead, Supporting }
