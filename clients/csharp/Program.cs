// Drives the client Kiota generates from openapi.yaml against a running service, as a third-party
// developer would: every request and every answer goes through the generated types, so a contract
// that does not match the service fails here, at compile time or at run time.
//
//   dotnet run -- http://127.0.0.1:5080
//
// Exits 0 when every check holds; otherwise prints what failed and exits 1.
using System.Text.Json;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using OpenGov.Client.Generated;
using OpenGov.Client.Generated.Models;
using OpenGov.ClientCheck;

if (args is not [var baseUrl] || !Uri.TryCreate(baseUrl, UriKind.Absolute, out _))
{
    Console.Error.WriteLine("usage: dotnet run -- <base-url>   (e.g. http://127.0.0.1:5080)");
    return 2;
}

using var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = baseUrl.TrimEnd('/') };
var client = new OpenGovClient(adapter);
try
{
    var listed = await Checks.ListEveryCommitment(client);
    await Checks.FetchUk0075(client, listed);
    await Checks.ReadReleasesAndChanges(client);
    await Checks.AggregateByMember(client, listed);
    await Checks.ReceiveTypedProblems(client);
    Console.WriteLine($"C# client: every check passed against {baseUrl}");
    return 0;
}
catch (CheckFailed failure)
{
    Console.Error.WriteLine($"C# client check FAILED against {baseUrl}: {failure.Message}");
    return 1;
}
catch (Exception failure)
{
    Console.Error.WriteLine($"C# client check FAILED against {baseUrl}: {failure}");
    return 1;
}

namespace OpenGov.ClientCheck
{
    sealed class CheckFailed(string message) : Exception(message);

    static class Checks
    {
        static void Check(bool condition, string message)
        {
            if (!condition) throw new CheckFailed(message);
        }

        static string Show(object? value) => value switch
        {
            null => "null",
            // A console program has no synchronization context: waiting here cannot deadlock.
            IParsable parsable => KiotaJsonSerializer.SerializeAsStringAsync(parsable).GetAwaiter().GetResult(),
            _ => JsonSerializer.Serialize(value),
        };

        /// <summary>Lists commitments two at a time, following meta.next_cursor until it is null.</summary>
        public static async Task<HashSet<string>> ListEveryCommitment(OpenGovClient client)
        {
            var seen = new HashSet<string>();
            long? total = null;
            string? cursor = null;
            var pages = 0;
            do
            {
                var page = await client.V1.Commitments.GetAsync(request =>
                {
                    request.QueryParameters.Limit = 2;
                    request.QueryParameters.Fields = ["id", "title"];
                    request.QueryParameters.Cursor = cursor;
                });
                pages++;
                Check(page?.Meta?.Total is not null, $"page {pages} of /v1/commitments has no meta.total: {Show(page)}");
                var rows = page!.Data ?? [];
                var meta = page.Meta!;
                Check(meta.Limit == 2, $"page {pages}: meta.limit is {meta.Limit}, asked for 2");
                Check(rows.Count <= 2, $"page {pages} holds {rows.Count} records, more than the limit 2");
                total ??= meta.Total;
                Check(meta.Total == total, $"meta.total changed while paging: {total} then {meta.Total}");
                foreach (var row in rows)
                {
                    Check(!string.IsNullOrEmpty(row.Id), $"a record without an id: {Show(row)}");
                    Check(row.Title is not null, $"{row.Id} has no title though fields asked for it: {Show(row)}");
                    Check(row.LeadInstitutions is null && row.Member is null, $"fields=id,title kept other keys: {Show(row)}");
                    Check(seen.Add(row.Id!), $"{row.Id} came twice while paging");
                }
                cursor = meta.NextCursor;
                Check(cursor is null || rows.Count == 2, $"page {pages} is short ({rows.Count}) but has a next cursor");
                Check(pages <= 1000, "paging does not end");
            } while (cursor is not null);

            Check(total > 2, $"expected more than one page of commitments, meta.total is {total}");
            Check(seen.Count == total, $"saw {seen.Count} distinct ids in {pages} pages, meta.total says {total}");
            Console.WriteLine($"ok: listed {seen.Count} commitments in {pages} pages of 2, following next_cursor to its end");
            return seen;
        }

        /// <summary>UK0075 and its milestones, as the service's sample describes them.</summary>
        public static async Task FetchUk0075(OpenGovClient client, HashSet<string> listed)
        {
            Check(listed.Contains("UK0075"), "UK0075 was not among the listed commitments");

            var one = await client.V1.Commitments["UK0075"].GetAsync();
            var commitment = one?.Data;
            Check(commitment is not null, $"no data in {Show(one)}");
            Check(commitment!.Id == "UK0075", $"asked for UK0075, got {commitment.Id}");
            Check(commitment.Member?.Id == "united-kingdom", $"UK0075's member is {Show(commitment.Member)}");
            Check(commitment.ActionPlan?.Id == "AP_GBR03", $"UK0075's action plan is {Show(commitment.ActionPlan)}");
            Check(!string.IsNullOrEmpty(commitment.Title), "UK0075 has no title");
            Check(commitment.LeadInstitutions is { Count: > 0 }, "UK0075 has no lead institution");
            Check(one!.Links?.Self?.EndsWith("/v1/commitments/UK0075", StringComparison.Ordinal) == true, $"links.self is {one.Links?.Self}");

            var list = await client.V1.Commitments["UK0075"].Milestones.GetAsync();
            var milestones = list?.Data ?? [];
            Check(milestones.Count > 0, "UK0075 has no milestones");
            Check(list!.Meta?.Total == milestones.Count, $"meta.total {list.Meta?.Total} but {milestones.Count} milestones on the page");
            Check(list.Meta?.NextCursor is null, "all of UK0075's milestones fit in one default page, yet there is a next cursor");
            for (var index = 0; index < milestones.Count; index++)
            {
                var milestone = milestones[index];
                Check(milestone.Commitment?.Id == "UK0075", $"{milestone.Id} belongs to {Show(milestone.Commitment)}");
                Check(milestone.Number == index + 1, $"milestones out of order: {milestone.Number} at position {index + 1}");
                Check(milestone.Id == $"UK0075-{milestone.Number}", $"milestone {milestone.Number} has id {milestone.Id}");
                Check(!string.IsNullOrEmpty(milestone.Text), $"{milestone.Id} has no text");
            }
            Console.WriteLine($"ok: UK0075 \"{commitment.Title}\" ({commitment.Member!.Name}) with {milestones.Count} milestones in order");
        }

        /// <summary>The releases, what changed since the newest (nothing), and UK0075's history: added by the first release.</summary>
        public static async Task ReadReleasesAndChanges(OpenGovClient client)
        {
            var releases = await client.V1.Releases.GetAsync();
            var newest = releases?.Data?.FirstOrDefault();
            Check(newest is not null && newest.Current == true, $"the first release listed is not the current one: {Show(newest)}");
            var changes = await client.V1.Changes.GetAsync(request => request.QueryParameters.Since = newest!.Id);
            Check(changes?.Meta?.Until == newest!.Id, $"meta.until is {changes?.Meta?.Until}, expected {newest.Id}");
            Check(changes!.Data is { Count: 0 }, $"changes since the current release: {Show(changes.Data)}");
            var history = await client.V1.Commitments["UK0075"].History.GetAsync();
            var added = history?.Data?.LastOrDefault();
            Check(added is { Id: "UK0075", Collection: "commitments" } && added.Change?.ToString() == "Added", $"UK0075's history ends with {Show(added)}");
            Console.WriteLine($"ok: {releases!.Data!.Count} release(s), the newest {newest.Id}; UK0075 added in release {added!.ReleaseNumber}");
        }

        /// <summary>A dashboard's question in one call: potential impact per member, the groups adding up to every commitment listed.</summary>
        public static async Task AggregateByMember(OpenGovClient client, HashSet<string> listed)
        {
            var answer = await client.V1.Commitments.Aggregate.GetAsync(request =>
            {
                request.QueryParameters.GroupBy = [OpenGov.Client.Generated.V1.Commitments.Aggregate.GetGroup_byQueryParameterType.Member];
                request.QueryParameters.Measure = [OpenGov.Client.Generated.V1.Commitments.Aggregate.GetMeasureQueryParameterType.Potential_impact];
                request.QueryParameters.Sort = "-count";
            });
            var groups = answer?.Data ?? [];
            var meta = answer?.Meta;
            Check(meta?.Total == listed.Count, $"meta.total {meta?.Total}, but {listed.Count} commitments were listed");
            Check(meta!.Groups == groups.Count && meta.Overlapping == false, $"meta {Show(meta)} for {groups.Count} groups by member");
            Check(groups.Sum(g => g.Count ?? 0) == meta.Total, "the members' counts do not add up to meta.total");
            Check(groups.Zip(groups.Skip(1)).All(p => p.First.Count >= p.Second.Count), "the groups are not in the order of -count");
            // A group's fields and measures are keys the request names: the generated type keeps them as additional data.
            Check(groups.All(g => g.AdditionalData.ContainsKey("member") && g.AdditionalData.ContainsKey("potential_impact")),
                $"a group without its member or its measure: {Show(groups.FirstOrDefault())}");
            Console.WriteLine($"ok: {groups.Count} members, {meta.Total} commitments counted by potential impact in one call");
        }

        /// <summary>A bad request comes back as the contract's typed problem, thrown by the client.</summary>
        public static async Task ReceiveTypedProblems(OpenGovClient client)
        {
            // Both values are allowed by the parameters' types, and both break the contract's rules
            // (limit is at most 1000; sort takes known keys): every problem comes back at once.
            try
            {
                var page = await client.V1.Commitments.GetAsync(request =>
                {
                    request.QueryParameters.Limit = 1001;
                    request.QueryParameters.Sort = "colour";
                });
                throw new CheckFailed($"limit=1001&sort=colour was answered with data: {Show(page)}");
            }
            catch (ProblemDetails problem) when (problem.ResponseStatusCode == 400)
            {
                Check(problem.ResponseStatusCode == 400, $"limit=1001&sort=colour: status {problem.ResponseStatusCode}, expected 400");
                Check(problem.Status == 400, $"problem.status is {problem.Status}");
                var errors = Errors(problem);
                Check(string.Join(",", errors.Keys.Order(StringComparer.Ordinal)) == "limit,sort",
                    $"errors name {string.Join(",", errors.Keys)}, expected limit and sort: {Show(problem)}");
                Check(errors["limit"].Any(message => message.Contains("1001", StringComparison.Ordinal)), $"the limit error does not quote 1001: {Show(errors["limit"])}");
                Check(errors["sort"].Any(message => message.Contains("colour", StringComparison.Ordinal)), $"the sort error does not quote colour: {Show(errors["sort"])}");
                Console.WriteLine($"ok: 400 problem \"{problem.Title}\" with errors for {string.Join(" and ", errors.Keys)}");
            }

            try
            {
                var missing = await client.V1.Commitments["XX9999"].GetAsync();
                throw new CheckFailed($"XX9999 was answered with data: {Show(missing)}");
            }
            catch (ProblemDetails problem)
            {
                Check(problem.ResponseStatusCode == 404, $"XX9999: status {problem.ResponseStatusCode}, expected 404");
                Check(problem.Status == 404, $"XX9999: problem.status is {problem.Status}");
                Check(problem.Detail?.Contains("XX9999", StringComparison.Ordinal) == true, $"XX9999: the problem does not name the id: {Show(problem)}");
                Console.WriteLine($"ok: 404 problem \"{problem.Title}\" for XX9999");
            }
        }

        /// <summary>
        /// The problem's errors, parameter by parameter. The contract gives them as a map of string
        /// lists (additionalProperties), which Kiota keeps as untyped values.
        /// </summary>
        static Dictionary<string, List<string>> Errors(ProblemDetails problem)
        {
            var errors = new Dictionary<string, List<string>>();
            foreach (var entry in problem.Errors?.AdditionalData ?? new Dictionary<string, object>())
            {
                var name = entry.Key;
                if (entry.Value is not UntypedArray list) throw new CheckFailed($"errors.{name} is not a list: {Show(entry.Value)}");
                var messages = list.GetValue().Select(item => (item as UntypedString)?.GetValue()).ToList();
                Check(messages.Count > 0 && messages.All(m => !string.IsNullOrEmpty(m)), $"errors.{name} is not a list of messages");
                errors[name] = messages.Select(m => m!).ToList();
            }
            return errors;
        }
    }
}
