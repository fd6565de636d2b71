using OpenGov.Data;
using OpenGov.Data.Sample;

namespace OpenGov.Api.Cli;

/// <summary>
/// <c>sample --db &lt;path&gt;</c>: builds the sample dataset (data/ beside the binaries) into a database
/// file as a release, without starting the web host: the first release a cluster's nodes are given.
/// Exit codes: 0 built (or already there), 2 usage.
/// </summary>
internal static class SampleCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args is not ["--db", var db])
        {
            error.WriteLine("usage: dotnet run --project OpenGov.Api -- sample --db <path>");
            return 2;
        }
        var data = Path.Combine(AppContext.BaseDirectory, "data");
        if (DatabaseFile.ContentVersion(DatabaseFile.TryReadMeta(db)) == SampleDataset.Version(data))
        {
            output.WriteLine($"{db} already holds the sample.");
            return 0;
        }
        using var writing = DatabaseFile.LockForWriting(db, DatabaseFile.WriterWait)
            ?? throw new InvalidOperationException($"Another process is writing {db}.");
        SampleDataset.Build(data, db);
        output.WriteLine($"Built the sample into {db}.");
        return 0;
    }
}
