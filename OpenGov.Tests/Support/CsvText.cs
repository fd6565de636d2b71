using System.Globalization;
using System.Text;
using CsvHelper;

namespace OpenGov.Tests.Support;

/// <summary>CSV answers read back by a parser that knows RFC 4180, not by the service's own writer.</summary>
public static class CsvText
{
    /// <summary>The CSV's header and its rows, each with a cell per column of the header.</summary>
    public static (string[] Header, List<string[]> Rows) Read(byte[] bytes)
    {
        using var reader = new CsvReader(new StreamReader(new MemoryStream(bytes), Encoding.UTF8), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        var header = reader.HeaderRecord!;
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, header.Length).Select(i => reader.GetField(i)!).ToArray());
        return (header, rows);
    }
}
