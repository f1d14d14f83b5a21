using System.Globalization;
using System.Text.RegularExpressions;
using Sync.Sandbox.Model;

namespace Sync.Sandbox.GitLab.QuickActions;

/// <summary>
/// The references quick action arguments name, resolved as GitLab resolves them: labels only among the labels
/// that already exist (a quick action never creates one), issues by #iid, path#iid or web URL.
/// </summary>
internal static partial class QuickActionReferences
{
    /// <summary>
    /// GitLab's find_labels: ~name, ~"name with spaces" and ~id references, plus bare names ("a" "b c" d) when the
    /// argument has no tilde at all (GitLab does not mix the two forms).
    /// </summary>
    public static List<SandboxLabel> Labels(SandboxProject project, string? argument)
    {
        var found = new List<SandboxLabel>();
        if (string.IsNullOrEmpty(argument))
        {
            return found;
        }

        foreach (Match m in LabelReference().Matches(argument))
        {
            var label = m.Groups["id"].Success
                ? project.Labels.Find(l => l.Id.ToString(CultureInfo.InvariantCulture) == m.Groups["id"].Value)
                : project.FindLabel(m.Groups["name"].Value.Trim('"'));
            Add(found, label);
        }

        if (!argument.Contains('~', StringComparison.Ordinal))
        {
            foreach (Match m in BareLabel().Matches(argument))
            {
                Add(found, project.FindLabel(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value));
            }
        }

        return found;
    }

    /// <summary>Label#to_reference(format: :name): always the quoted form.</summary>
    public static string Reference(SandboxLabel label) => $"~\"{label.Name}\"";

    /// <summary>"label" or "labels", as ActiveSupport's pluralize for these messages.</summary>
    public static string Labels(int count) => count == 1 ? "label" : "labels";

    /// <summary>An issue of the same instance by #iid (this project), group/project#iid or its web URL.</summary>
    public static SandboxIssue? Issue(SandboxInstance instance, SandboxProject here, string argument)
    {
        var text = argument.Trim();
        var web = instance.WebUrl.ToString();
        if (text.StartsWith(web, StringComparison.OrdinalIgnoreCase))
        {
            var url = IssueUrl().Match(text[web.Length..]);
            return url.Success ? Find(instance.FindProject(url.Groups["path"].Value), url.Groups["iid"].Value) : null;
        }

        var reference = IssueReference().Match(argument);
        if (!reference.Success)
        {
            return null;
        }

        var project = reference.Groups["path"].Success ? instance.FindProject(reference.Groups["path"].Value) : here;
        return Find(project, reference.Groups["iid"].Value);
    }

    private static SandboxIssue? Find(SandboxProject? project, string iid) =>
        project is not null && int.TryParse(iid, CultureInfo.InvariantCulture, out var n) && project.FindIssue(n) is { IsPullRequest: false } issue ? issue : null;

    private static void Add(List<SandboxLabel> found, SandboxLabel? label)
    {
        if (label is not null && !found.Contains(label))
        {
            found.Add(label);
        }
    }

    // Label.reference_pattern (app/models/label.rb): ~ then an id (digits not followed by a word), a name of
    // [A-Za-z0-9_-?.&] words joined by : or :: (scoped labels) not ending in . or ?, or a "quoted" name.
    [GeneratedRegex("~(?:(?<id>\\d+)(?!\\S\\w)\\b|(?<name>[A-Za-z0-9_\\-?.&]+(?::{1,2}[A-Za-z0-9_\\-?.&]+)*(?<![.?])|\".+?\"))")]
    private static partial Regex LabelReference();

    // InterpretService#extract_label_names: '"A" "A B C" A B' => ["A", "A B C", "A", "B"].
    [GeneratedRegex("\"([^\"]+)\"|([^ ]+)")]
    private static partial Regex BareLabel();

    [GeneratedRegex("(?:(?<path>[A-Za-z0-9_.\\-]+/[A-Za-z0-9_.\\-]+))?#(?<iid>\\d+)")]
    private static partial Regex IssueReference();

    [GeneratedRegex("^(?<path>[A-Za-z0-9_.\\-]+/[A-Za-z0-9_.\\-]+)/-/issues/(?<iid>\\d+)")]
    private static partial Regex IssueUrl();
}
