using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OpenGov.Api.Http;
using OpenGov.Data.Listing;
using static OpenGov.Api.OpenApi.QueryParametersFilter;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// The parameters of an aggregate (/v1/commitments/aggregate...), from the same whitelists its code checks:
/// group_by and measure list what the collection's fields allow, beside the list's filters and q; and, for
/// commitments, three dashboard questions answered (the service's answers on the sample data).
/// </summary>
internal static class AggregateParameters
{
    sealed record Question(string Key, string Summary, string Url, string Answer);

    static readonly Question[] Questions =
    [
        new("share-complete-per-member", "Share of commitments substantial or complete, per member", "/v1/commitments/aggregate?group_by=member&measure=completion&sort=-completion_at_least_substantial&limit=1",
            """{"data":[{"member":{"id":"example-city","name":"Example City (illustrative)"},"count":1,"completion":{"counts":{"not_started":0,"limited":0,"substantial":0,"complete":1,"withdrawn":0,"unclear":0,"no_evidence":0,"no_data":0,"not_reviewed":0,"not_applicable":0,"blank":0},"assessed":1,"share":{"not_started":0,"limited":0,"substantial":0,"complete":1,"withdrawn":0,"unclear":0,"no_evidence":0},"at_least":{"not_started":1,"limited":1,"substantial":1,"complete":1}}}],"meta":{"total":9,"groups":3,"overlapping":false,"limit":1,"next_cursor":"eyJmIjoiN2YxMzM4NzRlZjA5OWVhMS9tZW1iZXIvY29tcGxldGlvbi8tY29tcGxldGlvbl9hdF9sZWFzdF9zdWJzdGFudGlhbCIsImsiOlsxXSwiciI6InNhbXBsZS1hOTAwOTFjNzliMjg1YTUzIn0.PF8Ul_yW1l7e","data_version":"sample-a90091c79b285a53","release":"sample-a90091c79b285a53"},"links":{"self":"http://localhost:5080/v1/commitments/aggregate?group_by=member&measure=completion&sort=-completion_at_least_substantial&limit=1","next":"http://localhost:5080/v1/commitments/aggregate?group_by=member&measure=completion&sort=-completion_at_least_substantial&limit=1&cursor=eyJmIjoiN2YxMzM4NzRlZjA5OWVhMS9tZW1iZXIvY29tcGxldGlvbi8tY29tcGxldGlvbl9hdF9sZWFzdF9zdWJzdGFudGlhbCIsImsiOlsxXSwiciI6InNhbXBsZS1hOTAwOTFjNzliMjg1YTUzIn0.PF8Ul_yW1l7e"}}"""),
        new("impact-per-plan", "Potential impact per action plan", "/v1/commitments/aggregate?group_by=action_plan&measure=potential_impact&sort=-potential_impact_at_least_moderate&limit=1",
            """{"data":[{"action_plan":{"id":"AP_XEC01","name":"Primer plan de acción de la Ciudad de ejemplo 2018-20 (ilustrativo)"},"count":1,"potential_impact":{"counts":{"none":0,"minor":0,"moderate":1,"transformative":0,"no_data":0,"not_reviewed":0,"not_applicable":0,"blank":0},"assessed":1,"share":{"none":0,"minor":0,"moderate":1,"transformative":0},"at_least":{"none":1,"minor":1,"moderate":1,"transformative":0}}}],"meta":{"total":9,"groups":4,"overlapping":false,"limit":1,"next_cursor":"eyJmIjoiN2YxMzM4NzRlZjA5OWVhMS9hY3Rpb25fcGxhbi9wb3RlbnRpYWxfaW1wYWN0Ly1wb3RlbnRpYWxfaW1wYWN0X2F0X2xlYXN0X21vZGVyYXRlIiwiayI6WzFdLCJyIjoic2FtcGxlLWE5MDA5MWM3OWIyODVhNTMifQ.t32ONWVAEiLG","data_version":"sample-a90091c79b285a53","release":"sample-a90091c79b285a53"},"links":{"self":"http://localhost:5080/v1/commitments/aggregate?group_by=action_plan&measure=potential_impact&sort=-potential_impact_at_least_moderate&limit=1","next":"http://localhost:5080/v1/commitments/aggregate?group_by=action_plan&measure=potential_impact&sort=-potential_impact_at_least_moderate&limit=1&cursor=eyJmIjoiN2YxMzM4NzRlZjA5OWVhMS9hY3Rpb25fcGxhbi9wb3RlbnRpYWxfaW1wYWN0Ly1wb3RlbnRpYWxfaW1wYWN0X2F0X2xlYXN0X21vZGVyYXRlIiwiayI6WzFdLCJyIjoic2FtcGxlLWE5MDA5MWM3OWIyODVhNTMifQ.t32ONWVAEiLG"}}"""),
        new("open-government-by-area-and-year", "Did it open government, by policy area, year by year (open data)", "/v1/commitments/aggregate?group_by=policy_area,start_year&measure=diog&policy_area=open-data&limit=1",
            """{"data":[{"policy_area":{"id":"beneficial-ownership","name":"Beneficial Ownership"},"start_year":2014,"count":1,"diog":{"counts":{"worsened":0,"did_not_change":0,"marginal":0,"major":0,"outstanding":1,"no_early_results_yet":0,"no_data":0,"not_reviewed":0,"not_applicable":0,"blank":0},"assessed":1,"share":{"worsened":0,"did_not_change":0,"marginal":0,"major":0,"outstanding":1,"no_early_results_yet":0},"at_least":{"worsened":1,"did_not_change":1,"marginal":1,"major":1,"outstanding":1}}}],"meta":{"total":3,"groups":5,"overlapping":true,"limit":1,"next_cursor":"eyJmIjoiMjBlYzViODYxYWFhYWRiNC9wb2xpY3lfYXJlYSxzdGFydF95ZWFyL2Rpb2cvIiwiayI6WzFdLCJyIjoic2FtcGxlLWE5MDA5MWM3OWIyODVhNTMifQ.QbMb887BiI0X","data_version":"sample-a90091c79b285a53","release":"sample-a90091c79b285a53"},"links":{"self":"http://localhost:5080/v1/commitments/aggregate?group_by=policy_area,start_year&measure=diog&policy_area=open-data&limit=1","next":"http://localhost:5080/v1/commitments/aggregate?group_by=policy_area,start_year&measure=diog&policy_area=open-data&limit=1&cursor=eyJmIjoiMjBlYzViODYxYWFhYWRiNC9wb2xpY3lfYXJlYSxzdGFydF95ZWFyL2Rpb2cvIiwiayI6WzFdLCJyIjoic2FtcGxlLWE5MDA5MWM3OWIyODVhNTMifQ.QbMb887BiI0X"}}"""),
    ];

    public static void Add(OpenApiOperation operation, Collection collection)
    {
        var parameters = operation.Parameters!;
        var groupable = collection.GroupableNames;
        parameters.Add(Example(List(Query("group_by",
            $"Up to {Collection.MaxGroupFields} fields to count the filtered records by, comma-separated: every field facets takes, and the year "
            + "of each date (start_year, end_year; null for records without a date). A field with several values per record counts a record in "
            + "each of its values (meta.overlapping is then true); records without any are their own group (null). Without group_by, the whole "
            + "filtered set is one group.", Enum(groupable))), groupable.Take(2).ToArray()));
        var measurable = collection.MeasurableNames;
        if (measurable.Count > 0)
            parameters.Add(Example(List(Query("measure",
                "Scales to count in each group, comma-separated: per value of the scale and per reason a rating is missing, the number assessed "
                + "(the denominator: the scale's values), each value's share of the assessed, and for an ordered scale the share at least each value.",
                Enum(measurable))), measurable.Where(m => m is "completion" or "potential_impact").DefaultIfEmpty(measurable[0]).ToArray()));
        parameters.Add(Example(Query("sort",
            $"Order of the groups, at most {ListQuery.MaxSortKeys} keys, comma-separated, '-' for descending: a group field, count, and per measure "
            + "<measure>_assessed, <measure>_<value> (the value's share) and <measure>_at_least_<value>. Ties, and groups by default, are in the "
            + "order of their values; groups without a value or a share come last.", Text()), "-count"));
        parameters.Add(Example(Query("limit",
            $"How many groups a page holds: 0 to {ListQuery.MaxLimit}, default {AggregateQuery.DefaultLimit} in JSON; every group in CSV and "
            + "NDJSON unless a limit is given ('all' asks for every group there).",
            Limit(AggregateQuery.DefaultLimit)), 10));
        parameters.Add(Example(Query("cursor",
            "Opaque token from meta.next_cursor (or the next link) for the next page of groups; valid only with the same parameters.", Text()),
            "eyJmIjoiN2YxMzM4NzRlZjA5OWVhMS9tZW1iZXIvLyIsImsiOlsxXX0.MdLkBGQb6hPx"));
        parameters.Add(Example(Query("format",
            "Representation: json (the default), csv (one row a group: the group columns, <field>_id and <field>_name for a field that names "
            + "a record, count, then <measure>_<value> for each value and <measure>_assessed) or ndjson (one group a line, as in data). Overrides Accept.",
            Enum(Formats.Names.Keys)), "csv"));
        if (collection.Search is not null) parameters.Add(SearchParameter());
        AddFilterParameters(parameters, collection);

        if (collection.Name != "commitments" || operation.Responses?.TryGetValue("200", out var ok) != true
            || ok!.Content?.TryGetValue("application/json", out var json) != true || json is not OpenApiMediaType media) return;
        media.Examples = Questions.ToDictionary(q => q.Key, q => (IOpenApiExample)new OpenApiExample
        {
            Summary = q.Summary,
            Description = $"GET {q.Url}",
            Value = JsonNode.Parse(q.Answer),
        });
    }
}
