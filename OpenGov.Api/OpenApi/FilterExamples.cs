using OpenGov.Data.Listing;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// An example value for each filter of each collection, from the sample data in data/: commitment
/// UK0075 and what it belongs to, or its ratings, where the field has such a value. A filter with
/// no example here gets none in the contract, and the lint of the contract fails on it.
/// </summary>
internal static class FilterExamples
{
    static readonly Dictionary<string, string> ByField = new()
    {
        ["member"] = "united-kingdom",
        ["country"] = "GBR",
        ["region"] = "europe",
        ["member_kind"] = "national",
        ["action_plan"] = "AP_GBR03",
        ["commitment"] = "UK0075",
        ["irm_report"] = "united-kingdom-end-of-term-report-2016-2018",
        ["cycle"] = "2016",
        ["status"] = "inactive",
        ["policy_area"] = "public-participation",
        ["ogp_value"] = "access_to_information",
        ["institution"] = "cabinet-office",
        ["role"] = "lead",
        ["lead_institution"] = "cabinet-office",
        ["supporting_institution"] = "uk-parliament",
        ["international"] = "false",
        // An id of OGP's export as imported before institutions were one per member; the sample has none.
        ["former_id"] = "parliament",
        ["start_date"] = "2016-05",
        ["end_date"] = "2018-06",
        ["start_year"] = "2016",
        ["end_year"] = "2018",
        ["stage"] = "end_of_term",
        ["starred"] = "false",
        ["carried_forward"] = "false",
        ["verifiable"] = "yes",
        ["specificity"] = "no_data",
        ["potential_impact"] = "blank",
        ["completion"] = "complete",
        ["completion_midterm"] = "substantial",
        ["completion_end_of_term"] = "complete",
        ["early_results"] = "marginal",
        ["diog"] = "no_data",
        ["diog_access_to_information"] = "marginal",
        ["diog_civic_participation"] = "did_not_change",
        ["diog_public_accountability"] = "not_applicable",
        ["diog_technology_and_innovation"] = "not_applicable",
        // UK0075's plan predates these scales; the illustrative plan AP_XEX02 has them.
        ["ambition"] = "substantial",
        ["potential_for_results"] = "substantial",
    };

    /// <summary>Fields whose examples differ by collection: ids, and names two collections use for different things.</summary>
    static readonly Dictionary<(string Collection, string Field), string> ByCollection = new()
    {
        [("members", "id")] = "united-kingdom",
        [("members", "kind")] = "national",
        [("action-plans", "id")] = "AP_GBR03",
        [("action-plans", "number")] = "3",
        [("commitments", "id")] = "UK0075",
        [("milestones", "number")] = "1",
        [("irm-reports", "id")] = "united-kingdom-end-of-term-report-2016-2018",
        [("irm-reports", "kind")] = "end_of_term",
        // The sample gives no year for UK0075's reports; the illustrative Example Republic's end-of-term report is of 2017.
        [("irm-reports", "year")] = "2017",
        [("institutions", "id")] = "cabinet-office",
        [("policy-areas", "id")] = "e-government",
        [("releases", "id")] = "sample-a90091c79b285a53",
        [("changes", "collection")] = "commitments",
        [("changes", "change")] = "changed",
        [("changes", "id")] = "UK0075",
        [("changes", "release_number")] = "2",
        [("history", "change")] = "changed",
    };

    /// <summary>The example of <paramref name="field"/> in <paramref name="collection"/>, or null where there is none.</summary>
    public static string? For(Collection collection, Field field) =>
        ByCollection.TryGetValue((collection.Name, field.Name), out var value) ? value : ByField.GetValueOrDefault(field.Name);

    /// <summary>The example of a comparison: the field's own where its scale orders it, else the middle of the ordered part.</summary>
    public static string? ForComparison(Collection collection, Field field) =>
        For(collection, field) is { } example && (field.Ordered is null || field.Ordered.Contains(example)) ? example
            : field.Ordered is { Count: > 0 } ordered ? ordered[ordered.Count / 2] : null;
}
