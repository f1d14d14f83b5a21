using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sync.Worker.Health;

/// <summary>
/// The plain-text body of <c>/readyz</c>: the overall status, then one line per check that is not healthy
/// (<c>name: status: description</c>). Descriptions are written by IssueSync's own checks and carry no secret.
/// </summary>
internal static class ReadinessResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder().Append(report.Status).Append('\n');
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(": ").Append(entry.Status).Append(": ").Append(OneLine(entry.Description)).Append('\n');
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }

    private static string OneLine(string? text) => (text ?? string.Empty).ReplaceLineEndings(" ");
}
