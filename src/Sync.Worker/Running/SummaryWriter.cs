using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sync.Core.Pipeline;

namespace Sync.Worker.Running;

/// <summary>Renders a <see cref="RunSummary"/> for people (text) and for tools (JSON).</summary>
internal static class SummaryWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string ToText(RunSummary summary)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"IssueSync run {(summary.DryRun ? "(dry run: no writes made) " : string.Empty)}at {summary.StartedAt:yyyy-MM-dd HH:mm:ss}Z, {(summary.FinishedAt - summary.StartedAt).TotalSeconds:0.0} s");
        foreach (var product in summary.Products)
        {
            text.AppendLine(inv, $"Product {product.Product} → {product.PublicProject}: {(product.Succeeded ? "ok" : "FAILED")}");
            foreach (var step in product.Steps)
            {
                var failed = step.Error is not null ? $": FAILED: {step.Error}" : step.Result.Failures.Count > 0 ? $": FAILED: {step.Result.Failures.Count} item(s), see below" : string.Empty;
                text.AppendLine(inv, $"  {step.Step}{failed}");
                foreach (var line in step.Result.Lines)
                {
                    text.AppendLine(inv, $"    {line}");
                }
            }

            text.AppendLine(inv, $"  {(summary.DryRun ? "writes it would make" : "writes")}: {product.Writes.Count}");
            foreach (var write in product.Writes)
            {
                // A dry run shows the full text it would write; a real run one line per write (the audit log has the rest).
                var lines = write.Detail.ReplaceLineEndings("\n").Split('\n');
                if (summary.DryRun)
                {
                    text.AppendLine(inv, $"    {write.Action} {write.Target}:");
                    foreach (var line in lines)
                    {
                        text.AppendLine(inv, $"      | {line}");
                    }
                }
                else
                {
                    var first = lines[0].Length > 100 ? lines[0][..100] + "…" : lines[0];
                    text.AppendLine(inv, $"    {write.Action} {write.Target}: {first}");
                }
            }
        }

        text.AppendLine("Requests per tracker:");
        if (summary.Requests.Count == 0)
        {
            text.AppendLine("  none");
        }

        foreach (var tracker in summary.Requests)
        {
            var parts = tracker.ByEndpoint.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}");
            text.AppendLine(inv, $"  {tracker.Tracker}: {tracker.Total} ({string.Join(", ", parts)})");
        }

        text.Append(summary.Succeeded ? "Result: ok" : "Result: FAILED");
        return text.ToString();
    }

    public static string ToJson(RunSummary summary) => JsonSerializer.Serialize(
        new
        {
            summary.StartedAt,
            summary.FinishedAt,
            summary.DryRun,
            summary.Succeeded,
            Products = summary.Products.Select(p => new
            {
                p.Product,
                p.PublicProject,
                p.Succeeded,
                Steps = p.Steps.Select(s => new { s.Step, s.Error, s.Result.Failures, DurationMs = (long)s.Duration.TotalMilliseconds, s.Result.Lines, s.Result.Metrics }),
                p.Writes,
            }),
            summary.Requests,
        },
        Json);
}
