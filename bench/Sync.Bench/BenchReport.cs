using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sync.Bench;

internal static class BenchReport
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static readonly string[] Titles =
    [
        "",
        "1. Request efficiency (sandbox, requests used ÷ minimum needed)",
        "2. Use of the trackers' write ceilings (scaled clock)",
        "3. Bulk move with 50 ms latency per request",
        "4. In process (BenchmarkDotNet), ratio to a plain sort of the same list",
        "5. Memory of the worker process",
    ];

    public static string Markdown(IReadOnlyList<BenchRow> rows, string machine, string command, int runs)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Machine: {machine}. Medians of {runs} run(s).\n\nCommand: `{command}`\n");
        foreach (var section in rows.GroupBy(r => r.Section).OrderBy(g => g.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n### {(section.Key < Titles.Length ? Titles[section.Key] : $"Section {section.Key}")}\n\n");
            text.Append("| measurement | measured | compared with | ratio | goal | met | note |\n|---|---|---|---|---|---|---|\n");
            foreach (var row in section)
            {
                var met = row.Met switch { true => "yes", false => "**no**", null => "" };
                text.Append(CultureInfo.InvariantCulture, $"| {row.Name} | {row.Measured} | {row.Reference} | {row.Ratio:0.###} | {row.Goal} | {met} | {row.Note} |\n");
            }
        }

        return text.ToString();
    }

    public static string Json(IReadOnlyList<BenchRow> rows, string machine, string command, BenchSize size, int runs) =>
        JsonSerializer.Serialize(
            new { machine, command, size = size.ToString().ToLowerInvariant(), runs, rows },
            JsonOptions);
}
