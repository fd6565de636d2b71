namespace OpenGov.Data.Import;

/// <summary>
/// The columns of OGP's commitments export that the importer knows, by the header text OGP
/// writes. Where each one goes, or why it is skipped, is in MAPPING.md beside this file.
/// Columns are found by name, so their order in a file does not matter.
/// </summary>
public static class OgpColumns
{
    public const string Id = "Commitment Unique Identifier";
    public const string Member = "Country/Locality";
    public const string PlanId = "Action Plan ID";

    /// <summary>Without these a row cannot be placed, so a file that lacks one is refused.</summary>
    public static readonly IReadOnlyList<string> Required = [Id, Member, PlanId];

    public const string Code = "Code";
    public const string Region = "Region";
    public const string NationalOrLocal = "National Or Local";
    public const string PlanNumber = "Action Plan Number";
    public const string SubmissionYear = "Year Of Submission";
    public const string EndYear = "Action Plan End Year";
    public const string Duration = "Action Plan Duration (Years)";
    public const string Number = "Commitment Number";
    public const string Theme = "Theme";
    public const string Title = "Commitment Title";
    public const string ShortTitle = "Short Title";
    public const string FullText = "Full Text";
    public const string StartDate = "Start Date";
    public const string EndDate = "End Date";
    public const string Lead = "Lead Institution";
    public const string Supporting = "Supporting Institution(s)";
    public const string Active = "Active Commitment";
    public const string Url = "URL";
    public const string MidtermYear = "Report Publication Year (Progress Report)";
    public const string EndOfTermYear = "Report Publication Year (End Of Term)";

    /// <summary>The progress report's relevance columns, by the OGP value each rates.</summary>
    public static readonly IReadOnlyList<(string Column, string Value)> Relevance =
    [
        ("OGP Value Access To Information", "access_to_information"),
        ("OGP Value Civic Participation", "civic_participation"),
        ("OGP Value Public Accountability", "public_accountability"),
        ("OGP Value Technology", "technology_and_innovation"),
    ];

    /// <summary>The progress report's ratings (stage midterm), by the irm_rating column each fills.</summary>
    public static readonly IReadOnlyList<(string Column, string Rating)> Midterm =
    [
        ("Specificity", "specificity"),
        ("Verifiable", "verifiable"),
        ("Potential Impact", "potential_impact"),
        ("Completion (Progress Report)", "completion"),
        ("Starred (Current Formula) Progress Report", "starred"),
        ("Potential for Results", "potential_for_results"),
    ];

    /// <summary>The end-of-term report's ratings (stage end_of_term).</summary>
    public static readonly IReadOnlyList<(string Column, string Rating)> EndOfTerm =
    [
        ("Completion (End Of Term)", "completion"),
        ("Early Results", "early_results"),
        ("Did It Open Government (Overall)", "diog"),
        ("Did It Open Government (Access To Information)", "diog_access_to_information"),
        ("Did It Open Government (Civic Participation)", "diog_civic_participation"),
        ("Did It Open Government: Public Accountability", "diog_public_accountability"),
        ("Starred (Current Formula) End of Term", "starred"),
        ("Carried Forward", "carried_forward"),
    ];

    /// <summary>OGP's policy-area tags: one 0/1 column each.</summary>
    public static readonly IReadOnlyList<string> PolicyAreas =
    [
        "Anti-Corruption and Integrity", "Anti-corruption Institutions", "Anti-Corruption Strategies", "Asset Disclosure", "Audits",
        "Beneficial Ownership", "Conflicts Of Interest", "Elections", "Political Finance", "Lobbying", "Open Contracting",
        "Public Procurement", "Right To Information", "Whistleblower Protections", "Civic Space and Enabling Environment",
        "Freedom of Assembly", "Freedom of Association", "Freedom of Expression", "Democratizing Decision-Making",
        "Digital Participation", "Mainstreaming Participation", "Regulatory Governance", "Social Accountability",
        "Digital Governance", "Automated Decision-making", "Data Stewardship and Privacy", "Digital Inclusion",
        "Disinformation/Misinformation", "Online Civic Space", "Environment & Climate", "Climate Finance",
        "Climate Mitigation and Adaptation", "Environmental Regulation", "International Environmental Agreements",
        "Fiscal Openness", "Publication Of Budget/Fiscal Information", "Public Participation In Budget/Fiscal Policy",
        "Oversight Of Budget/Fiscal Policies", "Stimulus and Economic Recovery", "Tax", "Debt", "Inclusion", "Gender",
        "Gender-Based Violence", "Economic Inclusion", "LGBTQIA+", "People with Disabilities", "Youth", "Justice",
        "Access to Justice", "Open Justice", "Policing & Corrections", "Judiciary", "Open Parliaments",
        "Public Service Delivery", "Citizenship & Immigration", "Education", "Health & Nutrition",
        "Infrastructure & Transport", "Water & Sanitation", "Capacity Building", "Digital Transformation", "Legislation",
        "Regulation", "Legislative Oversight", "Open Data", "Public Participation", "Aid", "Energy", "Extractive Industries",
        "Land and Spatial Planning", "Media & Telecommunications", "Science & Technology", "Security & Public Safety",
        "Labor", "Private Sector", "Subnational", "Human Rights", "Open Parliament Plan", "Sustainable Development Goals",
        "Open Data (Water/Sanitation)", "Open Data (Health)", "Open Data (Education)", "Participation in Lawmaking",
        "Access to information", "Money in Politics",
    ];

    /// <summary>Columns the importer knows and deliberately does not store (MAPPING.md says why).</summary>
    public static readonly IReadOnlyList<string> Skipped =
    [
        "Commitment Dummy", "Compound", "Cluster", "_Specificity", "_Relevant", "_Potential Impact", "_CompletionProgress",
        "Starred (2015 Only)", "_Potential for Results", "Cluster (AP Review)", "Cluster Commitment ID(s)", "_CompletionEndTerm",
        "Change In Completion", "_ChangeCompletion", "_Early Results", "_OpenGovernment", "_DIOGATI", "_DIOGCP", "_DIOGPA",
        "Most Recently Assessed", "Star - Most Recently Assessed", "IRM Assessed", "Updated? (Website)", "Max star",
        "Ambition Assessed", "Comp Assessed", "DIOG Assessed", "Midterm Only", "Max Completion", "Raw Completion",
        "High Completion", "High Ambition", "High DIOG", "Ambitious and complete, or DIOG", "Ambitious but not complete",
        "Complete but not ambitious", "Not complete or ambitious", "Not reviewed", "CHECKSUM", "IRM-Based Score",
        "Binding constraint", "Latest IRM Report", "Subnational in NAPs", "id",
    ];

    /// <summary>Every column the importer stores something from.</summary>
    public static IEnumerable<string> Mapped =>
        Required.Concat([Code, Region, NationalOrLocal, PlanNumber, SubmissionYear, EndYear, Duration, Number, Theme, Title, ShortTitle,
            FullText, StartDate, EndDate, Lead, Supporting, Active, Url, MidtermYear, EndOfTermYear])
        .Concat(Relevance.Select(r => r.Column)).Concat(Midterm.Select(r => r.Column)).Concat(EndOfTerm.Select(r => r.Column))
        .Concat(PolicyAreas);

    /// <summary>Every column the importer knows; any other is reported once and ignored.</summary>
    public static readonly IReadOnlySet<string> Known = Mapped.Concat(Skipped).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
