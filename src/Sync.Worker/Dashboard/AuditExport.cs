using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sync.Core.Storage;
using Sync.Worker.Configuration;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The audit log for scripts: <c>GET /audit.json</c> (behind <see cref="DashboardAuthentication"/>, like the dashboard) and
/// the lines <c>--audit N</c> prints. Both mask configured secrets as the Audit page does.
/// </summary>
internal static class AuditExport
{
    public const string JsonPath = "/audit.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapAuditJson(this WebApplication app) => app.MapGet(JsonPath, WriteJsonAsync);

    private static async Task WriteJsonAsync(HttpContext http)
    {
        if (!http.Items.ContainsKey(DashboardAuthentication.UserItem))
        {
            // Only reachable if the authentication middleware were left out of the pipeline: stay closed.
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var services = http.RequestServices;
        var products = services.GetRequiredService<ProductCatalog>().All.Select(p => p.Key).ToList();
        http.Response.Headers.CacheControl = "no-store";
        if (!AuditQueryInput.TryRead(name => http.Request.Query[name].FirstOrDefault(), products, AuditQueryInput.DefaultLimit, out var query, out var error))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsJsonAsync(new JsonError(error), Json, http.RequestAborted);
            return;
        }

        var secrets = ActivatorUtilities.GetServiceOrCreateInstance<ConfiguredSecrets>(services);
        var entries = await services.GetRequiredService<IAuditLog>().QueryAuditAsync(query, http.RequestAborted);
        await http.Response.WriteAsJsonAsync(entries.Select(e => JsonEntry.From(e, secrets)).ToList(), Json, http.RequestAborted);
    }

    /// <summary>
    /// <c>--audit N</c>: the newest <paramref name="count"/> entries, printed oldest first (like <c>tail</c>), one a line:
    /// id, time (ISO 8601 UTC), product, action, target, detail, <c>dry-run</c> or <c>written</c>, separated by tabs. Tabs,
    /// line breaks and backslashes inside a field are written as <c>\t</c>, <c>\n</c>, <c>\r</c>, <c>\\</c>.
    /// </summary>
    public static async Task PrintAsync(IServiceProvider services, int count, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var secrets = ActivatorUtilities.GetServiceOrCreateInstance<ConfiguredSecrets>(services);
        var entries = await services.GetRequiredService<IAuditLog>().QueryAuditAsync(new AuditQuery(null, null, count), cancellationToken);
        foreach (var entry in entries.Reverse())
        {
            await output.WriteLineAsync(string.Join('\t',
                entry.Id.ToString(CultureInfo.InvariantCulture),
                entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                Field(entry.Product),
                Field(entry.Action),
                Field(secrets.Mask(entry.Target)),
                Field(secrets.Mask(entry.Detail)),
                entry.DryRun ? "dry-run" : "written"));
        }
    }

    private static string Field(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private sealed record JsonError(string Error);

    private sealed record JsonEntry(
        long Id,
        DateTimeOffset At,
        string Product,
        string Action,
        string Target,
        string Detail,
        [property: JsonPropertyName("dryRun")] bool DryRun)
    {
        public static JsonEntry From(AuditEntry entry, ConfiguredSecrets secrets) =>
            new(entry.Id, entry.At.ToUniversalTime(), entry.Product, entry.Action, secrets.Mask(entry.Target), secrets.Mask(entry.Detail), entry.DryRun);
    }
}
