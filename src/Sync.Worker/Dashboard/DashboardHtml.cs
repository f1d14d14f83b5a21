using System.Globalization;
using System.Net;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Sync.Worker.Dashboard;

/// <summary>
/// What the IssueSync dashboard pages share: every text is HTML-encoded, only absolute http(s) URLs become links (a
/// tracker's text is hostile input), times are UTC and ISO-like, forms carry Hangfire's antiforgery field when the host
/// has antiforgery.
/// </summary>
internal static class DashboardHtml
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss 'UTC'";

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A link when <paramref name="url"/> is an absolute http(s) URL; otherwise the text alone.</summary>
    public static string Link(string? url, string text) =>
        IsWebUrl(url) ? $"<a href=\"{E(url)}\" rel=\"noopener noreferrer\">{E(text)}</a>" : E(text);

    public static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Hangfire checks antiforgery tokens whenever the host registers antiforgery; the forms then carry one.</summary>
    public static string AntiforgeryField(DashboardContext context, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.AntiforgeryToken is { } token && services.GetService<IOptions<AntiforgeryOptions>>()?.Value.FormFieldName is { } field
            ? $"<input type=\"hidden\" name=\"{E(field)}\" value=\"{E(token)}\">"
            : string.Empty;
    }

    /// <summary>A select of <paramref name="options"/> (value, label) with an "all" entry of value "" first when <paramref name="all"/> is set.</summary>
    public static string Select(string name, string label, IEnumerable<(string Value, string Label)> options, string? selected, string? all)
    {
        var html = new System.Text.StringBuilder($"<label for=\"{E(name)}\">{E(label)}</label> <select class=\"form-control\" id=\"{E(name)}\" name=\"{E(name)}\">");
        if (all is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"\">{E(all)}</option>");
        }

        foreach (var (value, text) in options)
        {
            var mark = string.Equals(value, selected, StringComparison.Ordinal) ? " selected" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(value)}\"{mark}>{E(text)}</option>");
        }

        return html.Append("</select> ").ToString();
    }

    /// <summary>The one-line error a page shows for a query it cannot answer (and nothing else).</summary>
    public static string Error(string message) => $"<div class=\"alert alert-danger\" id=\"issuesync-error\">{E(message)}</div>";
}
