using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using OpenGov.Api.Hosting;
using OpenGov.Data;
using OpenGov.Data.Listing;

namespace OpenGov.Api.Http;

/// <summary>
/// Checks the ids a filter names against what the release served holds, so that a wrong id is a
/// 400 with the nearest known ids rather than an empty list that reads as "none" (member=uk,
/// country=UK, region=africa). What a person obviously means is taken as it is meant: a member's (or plan's,
/// institution's...) name in any case, and a country's ISO 3166 alpha-2 code (GB for GBR).
/// </summary>
internal sealed class KnownIds(Db db, DatasetState state)
{
    /// <summary>For each filter: what it names, where a client finds its ids, and the SQL of their ids and names.</summary>
    static readonly Dictionary<string, (string Kind, string Listed, string Sql)> Kinds = new()
    {
        ["member"] = ("member", "the ids /v1/members lists", "SELECT id, name_en, name_fr, name_es FROM member"),
        ["country"] = ("country (ISO 3166 alpha-3 code)", "the ids /v1/members lists", "SELECT iso3, name_en, name_fr, name_es FROM member WHERE iso3 IS NOT NULL AND kind = 'national'"),
        // A region has no collection of its own: its id is each member's region_id, its name the member's region.
        ["region"] = ("region", "the region ids of /v1/members (region_id; /v1/members?facets=region&limit=0 counts them)",
            "SELECT region_id, MIN(region), NULL, NULL FROM member WHERE region_id IS NOT NULL GROUP BY region_id"),
        ["action_plan"] = ("action plan", "the ids /v1/action-plans lists", "SELECT id, title_en, title_fr, title_es FROM action_plan"),
        ["institution"] = ("institution", "the ids /v1/institutions lists", "SELECT id, name_en, name_fr, name_es FROM institution"),
        ["policy_area"] = ("policy area", "the ids /v1/policy-areas lists", "SELECT id, name_en, name_fr, name_es FROM policy_area"),
        ["irm_report"] = ("IRM report", "the ids /v1/irm-reports lists", "SELECT id, title_en, title_fr, title_es FROM irm_report"),
    };

    /// <summary>Collections whose filters name records that may no longer exist (what changed, and when).</summary>
    static readonly HashSet<string> Historical = ["changes", "history", "releases"];

    /// <summary>The ids of one kind in one release, with their names.</summary>
    sealed class Table
    {
        public readonly Dictionary<string, string> Ids = new(StringComparer.OrdinalIgnoreCase);
        public readonly Dictionary<string, string> ByName = new(StringComparer.OrdinalIgnoreCase);
        public readonly List<(string Id, string Name)> Named = [];
    }

    readonly ConcurrentDictionary<(string Version, string Filter), Lazy<Task<Table>>> tables = new();

    /// <summary>ISO 3166 alpha-2 to alpha-3, from the system's region data (empty where it has none).</summary>
    static readonly Lazy<Dictionary<string, string>> Alpha3 = new(() =>
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
            {
                if (culture.Name.Length == 0) continue;
                var region = new RegionInfo(culture.Name);
                if (region.TwoLetterISORegionName.Length == 2 && region.ThreeLetterISORegionName.Length == 3)
                    map.TryAdd(region.TwoLetterISORegionName, region.ThreeLetterISORegionName);
            }
        }
        catch (ArgumentException) { }
        return map;
    });

    /// <summary>
    /// The query with each id filter's values as the ids they mean; every value that means none is an
    /// error of its parameter in <paramref name="errors"/>, naming the nearest known ids.
    /// </summary>
    public async Task<ListQuery> ResolveAsync(ListQuery query, string version, Dictionary<string, string[]> errors, ReadScope read)
    {
        if (query.Collection is null || Historical.Contains(query.Collection.Name)) return query;
        var resolved = new List<Criterion>();
        var changed = false;
        foreach (var criterion in query.Criteria)
        {
            var isId = criterion.Op is Op.Eq or Op.Not && criterion.Values.All(v => v.Length > 0);
            if (isId && Kinds.TryGetValue(criterion.Field, out var kind))
            {
                var table = await TableAsync(version, criterion.Field, kind.Sql, read);
                var values = new List<string>();
                foreach (var value in criterion.Values)
                {
                    if (Resolve(criterion.Field, table, value) is { } id) values.Add(id);
                    else Fail(errors, criterion.Parameter, $"No {kind.Kind} has the id '{value}'.{Nearest(table, value)} " +
                        $"{criterion.Field} takes {kind.Listed}{(criterion.Field == "country" ? " (GBR, or GB)" : "")}, or their names.");
                }
                changed |= !values.SequenceEqual(criterion.Values);
                resolved.Add(criterion with { Values = values });
            }
            else if (isId && criterion.Field == "commitment")
            {
                foreach (var missing in await MissingCommitmentsAsync(criterion.Values, read))
                    Fail(errors, criterion.Parameter, $"No commitment has the id '{missing}'. commitment takes OGP's commitment ids (UK0075), as /v1/commitments lists them; to find one by a word of its title, use /v1/commitments?q=.");
                resolved.Add(criterion);
            }
            else if (criterion.Field == "region" && criterion.Values is [{ Length: > 0 } bound] && Kinds.TryGetValue("region", out var regions))
            {
                // A region compared by order (region__gte=Europe) compared OGP's names before regions had
                // ids; a name still means its region, compared as the id it now is. Any other text is compared as it is.
                var id = Resolve("region", await TableAsync(version, "region", regions.Sql, read), bound) ?? bound;
                changed |= id != bound;
                resolved.Add(criterion with { Values = [id] });
            }
            else resolved.Add(criterion);
        }
        return changed ? query with { Criteria = resolved } : query;
    }

    static string? Resolve(string filter, Table table, string value)
    {
        if (table.Ids.TryGetValue(value, out var id)) return id;
        if (filter == "country" && value.Length == 2 && Alpha3.Value.TryGetValue(value, out var alpha3) && table.Ids.TryGetValue(alpha3, out id)) return id;
        return table.ByName.TryGetValue(value.Trim(), out id) ? id : null;
    }

    /// <summary>" Did you mean 'united-kingdom' (United Kingdom)?": names whose initials are the value (uk), that hold it as a word, then the nearest spellings.</summary>
    static string Nearest(Table table, string value)
    {
        var typed = value.Trim().ToLowerInvariant();
        static string Initials(string name) => string.Concat(name.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).Select(w => char.ToLowerInvariant(w[0])));
        var byInitials = table.Named.Where(n => typed.Length >= 2 && Initials(n.Name) == typed);
        var byWord = table.Named.Where(n => typed.Length >= 3 && (n.Name.Contains(typed, StringComparison.OrdinalIgnoreCase) || n.Id.Contains(typed, StringComparison.OrdinalIgnoreCase)));
        var bySpelling = table.Named
            .Select(n => (n, Distance: Math.Min(Suggest.Distance(typed, n.Id.ToLowerInvariant()), Suggest.Distance(typed, n.Name.ToLowerInvariant()))))
            .Where(x => x.Distance <= Math.Max(2, typed.Length / 3)).OrderBy(x => x.Distance).Select(x => x.n);
        var nearest = byInitials.Concat(byWord).Concat(bySpelling).DistinctBy(n => n.Id).Take(3).ToList();
        return nearest.Count == 0 ? "" : " Did you mean " + string.Join(" or ", nearest.Select(n => $"'{n.Id}' ({n.Name})")) + "?";
    }

    static void Fail(Dictionary<string, string[]> errors, string parameter, string message) =>
        errors[parameter] = [.. errors.GetValueOrDefault(parameter, []), message];

    Task<Table> TableAsync(string version, string filter, string sql, ReadScope read)
    {
        // The tables of the release read and of the current one are kept; others (a release pinned before) are dropped.
        var current = state.CurrentVersion;
        foreach (var key in tables.Keys)
            if (key.Version != version && key.Version != current) tables.TryRemove(key, out _);
        // Loaded from the request's release file for every request that asks, whatever becomes of the
        // first (its token and deadline are not the load's).
        var load = read with { Deadline = 0, Token = CancellationToken.None };
        return tables.GetOrAdd((version, filter), _ => new Lazy<Task<Table>>(() => LoadAsync(sql, load))).Value.WaitAsync(read.Token);
    }

    async Task<Table> LoadAsync(string sql, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var table = new Table();
        foreach (var (id, en, fr, es) in await c.QueryAsync<(string, string?, string?, string?)>(new CommandDefinition(sql, cancellationToken: read.Token)))
        {
            table.Ids.TryAdd(id, id);
            foreach (var name in new[] { en, fr, es }.OfType<string>().Select(n => n.Trim()).Where(n => n.Length > 0).Distinct())
            {
                table.ByName.TryAdd(name, id);
                table.Named.Add((id, name));
            }
            if (en is null && fr is null && es is null) table.Named.Add((id, id));
        }
        return table;
    }

    async Task<List<string>> MissingCommitmentsAsync(IReadOnlyList<string> ids, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var found = (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM commitment WHERE id IN (SELECT value FROM json_each(@ids))", new { ids = Db.IdList(ids) }, cancellationToken: read.Token)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return ids.Where(id => !found.Contains(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
