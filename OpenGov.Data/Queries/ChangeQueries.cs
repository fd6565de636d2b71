using System.Text.Json;
using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;
using OpenGov.Data.Releases;

namespace OpenGov.Data.Queries;

/// <summary>
/// What releases changed, record by record: /v1/changes (oldest first, from a release to another)
/// and each record's history (newest first). The rows were worked out when each release was
/// published (Releases/ChangeFinder.cs); a request only chooses and pages them.
/// </summary>
public sealed class ChangeQueries(Db db)
{
    // The release's id and time are looked up per row of the page, not joined: with a join, SQLite
    // began from the release table and sorted every matching change (10,000 on 1,000,000 commitments,
    // 40 ms) where the table's own key order gives the page at once.
    const string From = "record_change x";

    /// <summary>The number of the release a change was published in: what since= and until= bound, and the feed sorts by.</summary>
    public static readonly Field ReleaseNumber = new("release_number", FieldType.Integer,
        "The number of the release in which the record changed (1 for the first release; see number in /v1/releases)") { Sql = "x.release_seq" };

    public static readonly Collection Changes = new("changes", From, ["x.release_seq", "x.collection", "x.record_id"], ChangeFields(ReleaseNumber))
    {
        EndpointParameters = ["since", "until"],
    };

    /// <summary>
    /// The same changes newest first, for the feed: its own key (an index on the negated release
    /// serves it), so that a feed page reads 50 rows rather than sorting every change of the range.
    /// </summary>
    // since and until are compared off the primary key (unary +): else SQLite reads the range by the
    // key and sorts it, where the index in feed order gives the page at once.
    public static readonly Collection Feed = new("changes-feed", From, ["-x.release_seq", "x.collection", "x.record_id"],
        ChangeFields(ReleaseNumber with { Sql = "+x.release_seq" }))
    {
        EndpointParameters = ["since", "until"],
    };

    static Field[] ChangeFields(Field releaseNumber) =>
    [
        new("collection", FieldType.Enum, "The collection the changed record belongs to") { Sql = "x.collection", Values = ChangeFinder.Collections },
        new("change", FieldType.Enum, "What the release did to the record") { Sql = "x.change", Values = SnakeCase.All<ChangeKind>() },
        new("member", FieldType.Text, "The id of the member the changed record belongs to, e.g. united-kingdom (removed members too)") { Sql = "x.member_id" },
        new("id", FieldType.Text, "The changed record's id, e.g. UK0075") { Sql = "x.record_id" },
        releaseNumber,
    ];

    /// <summary>The changes of one record, newest first: the collection and id are set by the path.</summary>
    // Newest first. The whole key of a change (its release, collection and id), though one record's
    // changes differ in release alone: a key of one column is taken to be unique (Collection.PageSql).
    public static readonly Collection History = new("history", From, ["-x.release_seq", "x.collection", "x.record_id"],
    [
        new("change", FieldType.Enum, "What the release did to the record") { Sql = "x.change", Values = SnakeCase.All<ChangeKind>() },
    ])
    {
        ScopeFields =
        [
            new("collection", FieldType.Text, "") { Sql = "x.collection" },
            new("record", FieldType.Text, "") { Sql = "x.record_id" },
        ],
    };

    const string Select = """
        x.release_seq AS release_number, x.collection, x.record_id, x.change, x.name, x.member_id, x.fields,
        (SELECT r.id FROM release r WHERE r.seq = x.release_seq) AS release_id, (SELECT r.published_at FROM release r WHERE r.seq = x.release_seq) AS published_at
        """;

    public async Task<KeysetPage<RecordChange>> ListAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        return (await Changes.ListAsync<Row>(c, Select, request, read.Token)).Select(ToChange);
    }

    /// <summary>As <see cref="ListAsync"/>, newest first.</summary>
    public async Task<KeysetPage<RecordChange>> FeedAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        return (await Feed.ListAsync<Row>(c, Select, request, read.Token)).Select(ToChange);
    }

    /// <summary>The release numbers of <paramref name="ids"/>, where the file knows them, and the newest release's.</summary>
    public async Task<(Dictionary<string, long> Numbers, long Newest, string NewestId)> ReleaseNumbersAsync(IEnumerable<string> ids, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var numbers = (await c.QueryAsync<(string Id, long Seq)>(new CommandDefinition(
            "SELECT id, seq FROM release WHERE id IN (SELECT value FROM json_each(@ids))", new { ids = Db.IdList(ids) }, cancellationToken: read.Token)))
            .ToDictionary(r => r.Id, r => r.Seq, StringComparer.OrdinalIgnoreCase);
        var newest = await c.QuerySingleAsync<(long Seq, string Id)>(new CommandDefinition("SELECT seq, id FROM release ORDER BY seq DESC LIMIT 1", cancellationToken: read.Token));
        return (numbers, newest.Seq, newest.Id);
    }

    /// <summary>The table of each collection whose records have a history: where a record that never changed is found.</summary>
    static readonly Dictionary<string, string> Tables = new()
    {
        ["members"] = "member", ["action-plans"] = "action_plan", ["commitments"] = "commitment",
        ["irm-reports"] = "irm_report", ["institutions"] = "institution", ["policy-areas"] = "policy_area",
    };

    public static IReadOnlyCollection<string> CollectionsWithHistory => Tables.Keys;

    /// <summary>Whether the release read ever had <paramref name="collection"/>'s record <paramref name="id"/>: it has changes, or it exists.</summary>
    public async Task<bool> HasHistoryAsync(string collection, string id, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM record_change WHERE collection = @collection AND record_id = @id) OR EXISTS (SELECT 1 FROM {Tables[collection]} WHERE id = @id)",
            new { collection, id }, cancellationToken: read.Token));
    }

    /// <summary>
    /// A page of the history of <paramref name="collection"/>'s record <paramref name="id"/> (its
    /// criteria, set by the endpoint, name both). The first release of the catalogue keeps no row per
    /// record it added (on 1,000,000 commitments that would be a row each): a record whose earliest
    /// change is not its addition, or that never changed and exists, was added by that release,
    /// which ends its history. That entry names the record as the first release had it: as before its
    /// earliest change (whose own name is the one after it), or, where it never changed, as it is.
    /// </summary>
    public async Task<KeysetPage<RecordChange>> HistoryAsync(string collection, string id, ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var earliest = await c.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Select} FROM {From} WHERE x.collection = @collection AND x.record_id = @id ORDER BY x.release_seq LIMIT 1",
            new { collection, id }, cancellationToken: read.Token));
        var live = earliest is not null ? null : await RecordNames.CurrentAsync(db, collection, id, read);
        // The request's criteria hold the path's: the collection and the record (see HistoryEndpoints).
        var page = (await History.ListAsync<Row>(c, Select, request, read.Token)).Select(ToChange);
        if (earliest is null && live is null) return page;
        var addedFirst = earliest is null || earliest.Change != "added";
        var wantsAdded = request.Criteria.All(k => k.Field != "change" || k.Op == Op.Eq == k.Values.Contains("added"));
        if (!addedFirst || !wantsAdded) return page;
        var first = await c.QuerySingleAsync<(string Id, long Seq, string PublishedAt)>(new CommandDefinition("SELECT id, seq, published_at FROM release ORDER BY seq LIMIT 1", cancellationToken: read.Token));
        var (recordId, name, member) = earliest is not null
            ? (earliest.RecordId, RecordNames.Before(ToChange(earliest)), earliest.MemberId)
            : live!.Value;
        var added = new RecordChange(collection, recordId, ChangeKind.Added, first.Id, first.Seq, ParseTime(first.PublishedAt), name, member, null);
        var items = page.NextKey is null && request.Limit > 0 ? [.. page.Items, added] : page.Items;
        return page with { Items = items, Total = page.Total < 0 ? page.Total : page.Total + 1 };
    }

    static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    static RecordChange ToChange(Row r) => new(r.Collection, r.RecordId, SnakeCase.Parse<ChangeKind>(r.Change), r.ReleaseId, r.ReleaseNumber, ParseTime(r.PublishedAt),
        r.Name, r.MemberId, r.Fields is null ? null : JsonSerializer.Deserialize<List<FieldChange>>(r.Fields, Rendering.RecordJson.Options));

    sealed class Row : KeyedRow
    {
        public long ReleaseNumber { get; set; }
        public string Collection { get; set; } = "";
        public string RecordId { get; set; } = "";
        public string Change { get; set; } = "";
        public string? Name { get; set; }
        public string? MemberId { get; set; }
        public string? Fields { get; set; }
        public string ReleaseId { get; set; } = "";
        public string PublishedAt { get; set; } = "";
    }
}
