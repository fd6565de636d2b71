using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

// generate-csv <source.csv> <out.csv> <times>: a synthetic export with the source's columns and
// <times> copies of every row. Copy k > 1 gets its own commitment id (UK0051 -> UK0051-K2) and
// row id, and a marked title, so that rows stay unique; everything else is the source's own text.
namespace OpenGov.Bench;

internal static class GenerateCsv
{
    public static int Run(string source, string output, int times)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { Mode = CsvMode.RFC4180 };
        List<string[]> rows;
        string[] header;
        using (var reader = new StreamReader(source))
        using (var parser = new CsvParser(reader, config))
        {
            parser.Read();
            header = parser.Record!;
            rows = [];
            while (parser.Read()) rows.Add(parser.Record!);
        }
        int id = Array.IndexOf(header, "Commitment Unique Identifier"), rowId = Array.IndexOf(header, "id"), title = Array.IndexOf(header, "Commitment Title");

        using var writer = new StreamWriter(output);
        using var csv = new CsvWriter(writer, config);
        foreach (var h in header) csv.WriteField(h);
        csv.NextRecord();
        for (var k = 1; k <= times; k++)
            foreach (var row in rows)
            {
                var copy = (string[])row.Clone();
                if (k > 1)
                {
                    copy[id] = $"{row[id]}-K{k}";
                    if (rowId >= 0) copy[rowId] = $"{row[rowId]}{k:D4}";
                    if (title >= 0) copy[title] = $"{row[title]} (copy {k})";
                }
                foreach (var field in copy) csv.WriteField(field);
                csv.NextRecord();
            }
        Console.WriteLine($"wrote {rows.Count * times} rows to {output}");
        return 0;
    }
}
