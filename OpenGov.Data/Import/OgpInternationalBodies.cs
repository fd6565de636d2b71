using System.Text.RegularExpressions;

namespace OpenGov.Data.Import;

/// <summary>
/// The international bodies that several members' plans name: intergovernmental organisations,
/// the development agencies of donor countries and international NGOs. Such a body is one
/// institution whichever member names it (its record lists every member); any other name is a
/// member's own body, one institution per member, however common the name ("Parliament",
/// "Ministry of Finance"). Nothing in the export says which is which, so the bodies are listed here
/// by name and acronym (MAPPING.md gives the rule). A national chapter or office is a member's own
/// ("Transparency International Kenya", "UNDP Ukraine"): only the name itself matches.
/// </summary>
public static partial class OgpInternationalBodies
{
    static readonly string[] Names =
    [
        // The United Nations and its agencies.
        "United Nations", "UN", "United Nations Development Programme", "United Nations Development Program", "UNDP", "UNICEF", "UNESCO", "UNODC", "UN Women",
        "UNHCR", "OHCHR", "UNEP", "UNFPA", "UN-Habitat", "Food and Agriculture Organization", "FAO", "World Health Organization",
        // Banks and other intergovernmental bodies.
        "World Bank", "World Bank Group", "International Monetary Fund", "IMF", "OECD", "Organisation for Economic Co-operation and Development",
        "European Union", "EU", "European Commission", "Council of Europe", "Parliamentary Assembly of the Council of Europe", "PACE",
        "OSCE", "Organization for Security and Co-operation in Europe", "African Union", "African Development Bank", "AfDB",
        "Asian Development Bank", "ADB", "Inter-American Development Bank", "IDB", "BID", "Banco Interamericano de Desarrollo",
        "Organization of American States", "OAS", "OEA", "Organización de los Estados Americanos", "Open Government Partnership",
        "OGP", "OGP Secretariat", "OGP Support Unit", "Extractive Industries Transparency Initiative", "EITI", "EITI Secretariat",
        "International IDEA",
        // Development agencies of donor countries.
        "USAID", "United States Agency for International Development", "GIZ", "German Agency for International Cooperation",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit", "DFID", "Department for International Development", "FCDO",
        "UK aid", "SIDA", "JICA", "KOICA", "Millennium Challenge Corporation", "MCC", "AECID", "Expertise France", "AFD",
        "Agence Française de Développement",
        // International NGOs and foundations.
        "Transparency International", "Oxfam", "Christian Aid", "ActionAid", "Action Aid", "WaterAid", "Water Aid",
        "Publish What You Pay", "PWYP", "Open Contracting Partnership", "Open Knowledge Foundation", "Open Knowledge International",
        "Hivos", "Article 19", "Global Integrity", "International Budget Partnership", "IBP", "Natural Resource Governance Institute",
        "NRGI", "Open Ownership", "National Democratic Institute", "NDI", "International Republican Institute", "IRI",
        "Westminster Foundation for Democracy", "WFD", "Open Society Foundations", "Open Society Foundation", "Development Gateway",
        "Global Partnership for Sustainable Development Data", "International Center for Not-for-Profit Law", "ICNL", "Luminate",
        "Omidyar Network", "Open Data Charter", "Open Data Institute", "Global Witness", "CIVICUS", "Tax Justice Network",
        "Democracy Reporting International", "Access Now", "Privacy International",
    ];

    static readonly HashSet<string> Keys = Names.Select(OgpInstitutions.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="name"/> is a listed international body: the name itself, or the name
    /// before a bracket at its end ("United Nations Development Programme (UNDP)"), ignoring what
    /// <see cref="OgpInstitutions.Key"/> ignores (case, a leading "The", punctuation). The acronym in the
    /// bracket alone decides nothing: "County Assemblies Forum (CAF)" is no development bank.
    /// </summary>
    public static bool Is(string name) =>
        Keys.Contains(OgpInstitutions.Key(name))
        || Bracketed().Match(name) is { Success: true } m && Keys.Contains(OgpInstitutions.Key(m.Groups[1].Value));

    [GeneratedRegex(@"^(.+?)\s*\([^()]+\)$")] private static partial Regex Bracketed();
}
