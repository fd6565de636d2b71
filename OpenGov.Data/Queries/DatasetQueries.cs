using Dapper;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

/// <summary>What the database holds as a whole: its provenance, version and counts.</summary>
public sealed class DatasetQueries(Db db)
{
    /// <summary>The tables counted in the /v1 index, by the name of their collection.</summary>
    static readonly (string Collection, string Table)[] Counted =
    [
        ("members", "member"), ("action_plans", "action_plan"), ("commitments", "commitment"), ("milestones", "milestone"),
        ("irm_reports", "irm_report"), ("irm_ratings", "irm_rating"), ("institutions", "institution"), ("policy_areas", "policy_area"),
    ];

    public async Task<DatasetInfo> GetAsync(ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var meta = await Db.ReadMetaAsync(c);
        var counts = new Dictionary<string, long>();
        foreach (var (collection, table) in Counted)
            counts[collection] = await c.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {table}", cancellationToken: read.Token));
        return new DatasetInfo(
            meta.GetValueOrDefault("data_version", "unknown"),
            meta.GetValueOrDefault("source_description", meta.GetValueOrDefault("source", "unknown")),
            meta.GetValueOrDefault("licence", "unknown"),
            meta.GetValueOrDefault("built_at", "unknown"),
            int.Parse(meta.GetValueOrDefault("schema_version", "0")),
            counts);
    }

    /// <summary>The data's licence as the database states it (the pages' structured data say it), without the counts.</summary>
    public async Task<string> LicenceAsync(ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        return (await Db.ReadMetaAsync(c)).GetValueOrDefault("licence", "unknown");
    }

    /// <summary>Whether the database answers a trivial query: the readiness check.</summary>
    public async Task<bool> IsReadyAsync(ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM dataset_meta", cancellationToken: read.Token)) > 0;
    }
}
