using System.Text.RegularExpressions;
using Sync.Core.Products;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;
using Sync.Worker.Jobs;
using Sync.Worker.Trackers;

namespace Sync.Worker.Dashboard;

/// <summary>What a maintainer typed to resync one issue, resolved to a product, the issue and the stage that picks it up.</summary>
internal sealed record IssueResyncTarget(ProductDefinition Product, IssueRef Issue, string Stage);

/// <summary>
/// Reads <c>tracker:group/project#number</c> or an issue's web URL on a configured tracker
/// (<c>…/group/project/-/issues/12</c> on GitLab, <c>…/owner/repo/issues/12</c> on GitHub).
/// </summary>
internal static partial class IssueReferenceInput
{
    public const string Example = "dev:acme/widget#12";

    /// <summary>Resolves the input, or gives a one-line reason it cannot be resynced.</summary>
    public static bool TryResolve(
        string? input,
        IReadOnlyCollection<ProductDefinition> products,
        IReadOnlyDictionary<string, TrackerOptions> trackers,
        out IssueResyncTarget? target,
        out string error)
    {
        target = null;
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            error = $"Enter an issue reference such as {Example}, or the issue's URL.";
            return false;
        }

        if (!IssueRef.TryParse(text, out var issue) && !TryParseUrl(text, trackers, out issue))
        {
            error = $"'{text}' is not an issue reference: expected '<tracker>:<group>/<project>#<number>' (e.g. {Example}) or the URL of an issue on a configured tracker.";
            return false;
        }

        foreach (var product in products)
        {
            if (ResyncStage.For(product, issue!) is { } stage)
            {
                target = new IssueResyncTarget(product, issue!, stage);
                error = string.Empty;
                return true;
            }
        }

        error = $"'{issue}' is not in the public project or a source of any configured product.";
        return false;
    }

    private static bool TryParseUrl(string text, IReadOnlyDictionary<string, TrackerOptions> trackers, out IssueRef? issue)
    {
        issue = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        foreach (var (name, tracker) in trackers.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!TrackerDialects.TryParse(tracker.Kind, out var dialect) || WebRoot(dialect, tracker.ApiUrl) is not { } root
                || !string.Equals(root.GetLeftPart(UriPartial.Authority), url.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
                || !url.AbsolutePath.StartsWith(root.AbsolutePath, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = Uri.UnescapeDataString(url.AbsolutePath[root.AbsolutePath.Length..].Trim('/'));
            if (dialect.TryParseIssueWebPath(rest, out var path, out var number))
            {
                issue = new IssueRef(new ProjectRef(name, path), number);
                return true;
            }
        }

        return false;
    }

    /// <summary>The web address the API root belongs to, ending in '/'.</summary>
    private static Uri? WebRoot(ITrackerDialect dialect, string? apiUrl) =>
        Uri.TryCreate(apiUrl?.Trim(), UriKind.Absolute, out var api) ? dialect.WebRoot(api) : null;
}
