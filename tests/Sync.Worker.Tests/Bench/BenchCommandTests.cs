using System.Diagnostics;
using System.Text.Json;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Bench;

/// <summary>
/// The bench command runs end to end on its tiny size and produces the table and the JSON. This is not a
/// benchmark: nothing here asserts a timing, only that every section ran and reported rows.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class BenchCommandTests
{
    [Fact]
    public async Task Bench_TinySize_PrintsEverySectionAndSavesTheJson()
    {
        var ct = TestContext.Current.CancellationToken;
        var json = InProcessApp.TempPath("bench.json");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(json)!,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Sync.Bench.dll"), "--size", "tiny", "--runs", "1", "--json", json })
        {
            start.ArgumentList.Add(arg);
        }

        using var bench = Process.Start(start)!;
        var output = bench.StandardOutput.ReadToEndAsync(ct);
        var error = bench.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(4));
        try
        {
            await bench.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            bench.Kill(entireProcessTree: true);
            throw;
        }

        var table = await output;
        Assert.True(bench.ExitCode == 0, $"exit {bench.ExitCode}\n{table}\n{await error}");
        foreach (var title in new[] { "### 1. Request efficiency", "### 2. Use of the trackers' write ceilings", "### 3. Bulk move with 50 ms latency", "### 4. In process", "### 5. Memory" })
        {
            Assert.Contains(title, table, StringComparison.Ordinal);
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json, ct));
        var sections = document.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("section").GetInt32()).ToHashSet();
        Assert.Equal([1, 2, 3, 4, 5], sections.Order());
        Assert.Equal("tiny", document.RootElement.GetProperty("size").GetString());
        Assert.All(document.RootElement.GetProperty("rows").EnumerateArray(), r => Assert.True(double.IsFinite(r.GetProperty("ratio").GetDouble())));
    }
}
