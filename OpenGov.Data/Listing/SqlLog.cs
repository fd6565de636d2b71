namespace OpenGov.Data.Listing;

/// <summary>
/// The statements a piece of work runs, noted only while something asks for them (the SQL
/// snapshots of the tests): every list statement passes through <see cref="Note"/>, which costs
/// one read of an AsyncLocal when nobody listens.
/// </summary>
public static class SqlLog
{
    static readonly AsyncLocal<List<string>?> Listening = new();

    /// <summary>Notes every statement run in this flow of work until the result is disposed.</summary>
    public static IDisposable Capture(out IReadOnlyList<string> statements)
    {
        var list = new List<string>();
        Listening.Value = list;
        statements = list;
        return new Stop();
    }

    /// <summary>The statement, noted where a capture listens.</summary>
    public static string Note(string sql)
    {
        if (Listening.Value is { } list) lock (list) list.Add(sql);
        return sql;
    }

    sealed class Stop : IDisposable
    {
        public void Dispose() => Listening.Value = null;
    }
}
