using Sync.Core.Pipeline;
using Sync.Worker.Configuration;
using Sync.Worker.Observability;
using Sync.Worker.Trackers;
using Sync.Worker.Trackers.CsvImport;

namespace Sync.Worker.Running;

/// <summary>
/// <c>--import-csv FILE --product KEY [--dry-run]</c>: checks the whole file; a dry run prints the preview and stores
/// nothing; otherwise the ideas are stored in one transaction and the product's move stage runs once (the pipeline
/// <c>--once</c> uses), so they become public issues.
/// </summary>
internal sealed class CsvImportRunner(CsvImports imports, ProductCatalog catalog, ProductPipeline pipeline, RequestCounter requests, PipelineMetrics metrics, TimeProvider time)
{
    public async Task<int> RunAsync(string path, string product, bool dryRun, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(path);
        byte[] data;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                await error.WriteLineAsync($"error: --import-csv: file '{path}' does not exist");
                return Hosting.IssueSyncApp.ExitConfiguration;
            }

            if (info.Length > CsvIdeaFile.MaxBytes)
            {
                // Refused before reading it: the parser says the same for an upload.
                await error.WriteLineAsync($"error: {fileName}: the file is {info.Length / (1024.0 * 1024):0.#} MB, more than the {CsvIdeaFile.MaxBytes / (1024 * 1024)} MB an import takes (split it)");
                return Hosting.IssueSyncApp.ExitFailed;
            }

            data = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: --import-csv: cannot read '{path}': {ex.Message}");
            return Hosting.IssueSyncApp.ExitConfiguration;
        }

        var check = await imports.CheckAsync(product, fileName, data, cancellationToken);
        if (check.Plan is not { } plan)
        {
            foreach (var line in check.Errors)
            {
                await error.WriteLineAsync($"error: {line}");
            }

            return Hosting.IssueSyncApp.ExitFailed;
        }

        await output.WriteLineAsync($"{fileName}: {plan.Summary}{(dryRun ? " (dry run: nothing stored)" : string.Empty)}");
        foreach (var line in plan.PreviewLines())
        {
            await output.WriteLineAsync("  " + line);
        }

        if (dryRun)
        {
            return Hosting.IssueSyncApp.ExitOk;
        }

        var stored = await imports.StoreAsync(plan, cancellationToken);
        if (stored.Busy is { } busy)
        {
            await error.WriteLineAsync($"error: {fileName}: {busy}");
            return Hosting.IssueSyncApp.ExitFailed;
        }

        await output.WriteLineAsync($"{fileName}: stored {stored.Stored} idea(s); moving them");
        var started = time.GetUtcNow();
        var before = requests.Snapshot();
        var summary = await pipeline.RunAsync(catalog.Get(product), dryRun: false, PipelineStages.Move, cancellationToken);
        metrics.Record(summary, PipelineStages.Move, dryRun: false);
        var run = new RunSummary(started, time.GetUtcNow(), false, [summary], RequestSummaries.Since(before, requests.Snapshot()));
        await output.WriteLineAsync(SummaryWriter.ToText(run));
        foreach (var failure in summary.FailureLines)
        {
            await error.WriteLineAsync($"error: {failure}");
        }

        return run.Succeeded ? Hosting.IssueSyncApp.ExitOk : Hosting.IssueSyncApp.ExitFailed;
    }
}
