using System.Globalization;

namespace Sync.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Sync.Bench -- [--size full|tiny] [--runs N] [--only a,b] [--json FILE] [--markdown FILE]</c>:
/// runs the sections, prints the Markdown table and saves it as JSON.
/// </summary>
internal static class BenchCommand
{
    private static readonly string[] Order = ["requests", "ceilings", "latency", "inproc", "memory"];

    /// <summary>Every <see cref="IBenchSection"/> in this assembly, in report order; <c>--only</c> selects some.</summary>
    public static IReadOnlyList<IBenchSection> Sections { get; } =
        [.. typeof(BenchCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchSection).IsAssignableFrom(t))
            .Select(t => (IBenchSection)Activator.CreateInstance(t)!)
            .OrderBy(s => Array.IndexOf(Order, s.Key) is var i && i >= 0 ? i : int.MaxValue)
            .ThenBy(s => s.Key, StringComparer.Ordinal)];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var size = BenchSize.Full;
        var runs = 3;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var json = "artifacts/benchmarks.json";
        string? markdown = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--size":
                        var value = Next();
                        size = Enum.TryParse<BenchSize>(value, ignoreCase: true, out var parsed) ? parsed : throw new ArgumentException($"--size: '{value}' is neither 'full' nor 'tiny'");
                        break;
                    case "--runs":
                        var text = Next();
                        runs = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 50 ? n : throw new ArgumentException($"--runs: '{text}' is not a whole number from 1 to 50");
                        break;
                    case "--only":
                        only.UnionWith(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                        break;
                    case "--json":
                        json = Next();
                        break;
                    case "--markdown":
                        markdown = Next();
                        break;
                    default:
                        throw new ArgumentException($"unknown argument '{args[i]}' (use --size, --runs, --only, --json, --markdown)");
                }
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }
        }

        var unknown = only.Where(k => !Sections.Any(s => string.Equals(s.Key, k, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            await error.WriteLineAsync($"error: --only: unknown section(s) {string.Join(", ", unknown)} (sections: {string.Join(", ", Sections.Select(s => s.Key))})");
            return 2;
        }

        var options = new BenchOptions(size, runs, only, error);
        var rows = new List<BenchRow>();
        foreach (var section in Sections.Where(s => only.Count == 0 || only.Contains(s.Key)))
        {
            await error.WriteLineAsync($"bench: {section.Key} ({size}, {runs} run(s))...");
            rows.AddRange(await section.RunAsync(options, cancellationToken));
        }

        var machine = MachineInfo.Describe();
        var command = "dotnet run -c Release --project bench/Sync.Bench --" + (args.Length == 0 ? string.Empty : " " + string.Join(' ', args));
        var table = BenchReport.Markdown(rows, machine, command, runs);
        await output.WriteAsync(table);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
        await File.WriteAllTextAsync(json, BenchReport.Json(rows, machine, command, size, runs), cancellationToken);
        if (markdown is not null)
        {
            await File.WriteAllTextAsync(markdown, table, cancellationToken);
        }

        return 0; // a missed goal is reported in the table (with why), not as a failed command
    }
}
