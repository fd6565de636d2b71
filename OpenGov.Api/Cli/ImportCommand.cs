using OpenGov.Data.Import;

namespace OpenGov.Api.Cli;

/// <summary>
/// <c>import &lt;file.csv&gt; --db &lt;path&gt; [--note text]</c>: loads OGP's commitments export into a
/// database file as a new release, without starting the web host. Exit codes: 0 done (or unchanged),
/// 1 file refused, 2 usage.
/// </summary>
internal static class ImportCommand
{
    const string Usage = "usage: dotnet run --project OpenGov.Api -- import <file.csv> --db <path> [--note \"OGP export of 3 July 2024\"]";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? csv = null, db = null, note = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--db" && i + 1 < args.Count) db = args[++i];
            else if (args[i] == "--note" && i + 1 < args.Count) note = args[++i];
            else if (args[i].StartsWith('-') || csv is not null) return Fail(error, $"unexpected argument '{args[i]}'", 2);
            else csv = args[i];
        }
        if (csv is null || db is null) return Fail(error, csv is null ? "no CSV file given" : "no --db path given", 2);

        var bar = new ProgressPrinter(output, interactive: !Console.IsOutputRedirected && output == Console.Out);
        try
        {
            var report = OgpCsvImporter.Import(csv, db, bar, note);
            bar.Done();
            output.WriteLine(report.ToText());
            return 0;
        }
        catch (ImportRefusedException e)
        {
            bar.Done();
            return Fail(error, $"refused {Path.GetFileName(csv)}: {e.Message} The database was not changed.", 1);
        }
    }

    static int Fail(TextWriter error, string message, int code)
    {
        error.WriteLine($"import: {message}");
        if (code == 2) error.WriteLine(Usage);
        return code;
    }

    /// <summary>A one-line bar redrawn in place on a terminal; a plain line per tenth of the file otherwise.</summary>
    sealed class ProgressPrinter(TextWriter output, bool interactive) : IProgress<OgpCsvImporter.Progress>
    {
        int lastTenth = -1;
        bool drawn;

        public void Report(OgpCsvImporter.Progress p)
        {
            var fraction = p.BytesTotal == 0 ? 1 : Math.Clamp((double)p.BytesRead / p.BytesTotal, 0, 1);
            if (interactive)
            {
                var filled = (int)(fraction * 30);
                output.Write($"\r[{new string('#', filled)}{new string('-', 30 - filled)}] {fraction,4:P0}  {p.Rows} rows");
                drawn = true;
            }
            else if ((int)(fraction * 10) is var tenth && tenth > lastTenth)
            {
                lastTenth = tenth;
                output.WriteLine($"import: {fraction:P0} of the file read, {p.Rows} rows");
            }
        }

        public void Done()
        {
            if (drawn) output.WriteLine();
            drawn = false;
        }
    }
}
