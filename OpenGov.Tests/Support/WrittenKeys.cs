using Dapper;
using Microsoft.Data.Sqlite;

namespace OpenGov.Tests.Support;

/// <summary>Records written into a built sample by their key alone, for tests of pages that read only commitment_filter's keys.</summary>
public static class WrittenKeys
{
    /// <summary>A connection to the sample at <paramref name="path"/> that writes keys without their records (foreign keys off).</summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=False");
        connection.Open();
        return connection;
    }

    /// <summary>A row of commitment_filter for <paramref name="key"/>, its other columns copied from the first row.</summary>
    public static void Add(SqliteConnection connection, string key) =>
        connection.Execute("CREATE TEMP TABLE copy AS SELECT * FROM commitment_filter LIMIT 1; UPDATE copy SET commitment_id = @key; INSERT INTO commitment_filter SELECT * FROM copy; DROP TABLE copy;", new { key });
}
