using System.Globalization;
using Sync.Sandbox;

namespace Sync.Demo;

/// <summary>
/// The demo's built-in configuration: three emulated trackers and two products that exercise
/// GitLab→GitHub, GitHub→GitHub and GitLab→GitLab across instances.
/// </summary>
internal static class SandboxDemoConfiguration
{
    private const int DemoWritesPerMinute = 1000;

    /// <summary>
    /// The demo's own state file. The sandbox trackers start from their seed on every start, so the demo's state
    /// starts afresh with them (a ledger of moves into a previous sandbox would be meaningless).
    /// </summary>
    public const string DemoStatePath = "data/sandbox-demo.db";

    /// <summary>Raises the sandbox's write ceilings to the demo's pacing (the sandbox still enforces them).</summary>
    public static void RaiseSandboxCeilings(SandboxServer sandbox)
    {
        var limits = sandbox.Control.Limits;
        limits.GitHubContentCreatesPerMinute = DemoWritesPerMinute;
        limits.GitHubContentCreatesPerHour = DemoWritesPerMinute * 10;
        limits.GitLabNoteCreatesPerMinute = DemoWritesPerMinute;
        limits.GitLabIssueCreatesPerMinute = DemoWritesPerMinute;
    }

    /// <summary>Which sandbox instance plays each demo tracker.</summary>
    public static IReadOnlyDictionary<string, SandboxInstance> Trackers(SandboxServer sandbox) => new Dictionary<string, SandboxInstance>(StringComparer.Ordinal)
    {
        ["dev"] = sandbox.GitLabDev,
        ["gitlab"] = sandbox.GitLab,
        ["github"] = sandbox.GitHub,
    };

    /// <summary>
    /// The sandbox instance each demo tracker talks to, forums included: the widget's Discussions forum <c>ideas</c> is
    /// the GitHub instance's, the gadget's Discourse forum <c>forum</c> the Discourse one's (the <c>csv</c> tracker makes
    /// no request).
    /// </summary>
    public static IReadOnlyDictionary<string, SandboxInstance> Instances(SandboxServer sandbox) =>
        new Dictionary<string, SandboxInstance>(Trackers(sandbox), StringComparer.Ordinal)
        {
            ["ideas"] = sandbox.GitHub,
            ["forum"] = sandbox.Discourse.Instance,
        };

    public static Dictionary<string, string?> For(SandboxServer sandbox)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        values["IssueSync:Storage:SqlitePath"] = DemoStatePath;
        foreach (var (name, instance) in Trackers(sandbox))
        {
            AddTracker(values, name, instance.Kind, instance);
        }

        // The demo moves ~150 writes at once; at GitHub's real pace (80/min, 1 s apart) that takes minutes. The
        // sandbox's ceilings are raised to match (see RaiseSandboxCeilings), so the demo finishes in seconds while
        // pacing and limit handling stay switched on.
        values["IssueSync:Trackers:github:Limits:WritesPerMinute"] = DemoWritesPerMinute.ToString(CultureInfo.InvariantCulture);
        values["IssueSync:Trackers:github:Limits:WritesPerHour"] = (DemoWritesPerMinute * 10).ToString(CultureInfo.InvariantCulture);
        values["IssueSync:Trackers:github:Limits:MinWriteSpacing"] = "00:00:00";
        foreach (var gitLab in new[] { "dev", "gitlab" })
        {
            values[$"IssueSync:Trackers:{gitLab}:Limits:NoteCreatesPerMinute"] = DemoWritesPerMinute.ToString(CultureInfo.InvariantCulture);
            values[$"IssueSync:Trackers:{gitLab}:Limits:IssueCreatesPerMinute"] = DemoWritesPerMinute.ToString(CultureInfo.InvariantCulture);
        }

        AddProduct(values, "widget", "github:acme/widget", ["dev:acme/widget", "github:acme/widget-private"]);
        AddProduct(values, "gadget", "gitlab:acme/gadget", ["dev:acme/gadget-dev"]);

        // The dev widget's releases travel with its issues, so the public roadmap places them by milestone.
        values["IssueSync:Products:widget:Sources:0:CreateMilestones"] = "true";

        // Feature forums: the widget's ideas in its public repository's Discussions (the same GitHub accounts), and its
        // CSV imports (the dashboard's Import page); the gadget's on a Discourse forum with the topic voting plugin.
        values["IssueSync:Trackers:ideas:Kind"] = "GitHubDiscussions";
        values["IssueSync:Trackers:ideas:ApiUrl"] = sandbox.GitHub.ApiUrl.ToString();
        values["IssueSync:Trackers:ideas:Token"] = sandbox.GitHub.Token;
        values["IssueSync:Trackers:ideas:Limits:MinWriteSpacing"] = "00:00:00";
        values["IssueSync:Trackers:forum:Kind"] = "Discourse";
        values["IssueSync:Trackers:forum:ApiUrl"] = sandbox.Discourse.Root.ToString();
        values["IssueSync:Trackers:forum:Token"] = sandbox.Discourse.ApiKey;
        values["IssueSync:Trackers:forum:Username"] = "forum-admin";
        values["IssueSync:Products:widget:Forums:0:Project"] = $"ideas:{SandboxDemoIssues.GitHubProject}/{SandboxDemoIssues.ForumCategory}";
        values["IssueSync:Products:widget:Forums:1:Project"] = "csv:widget/import";
        values["IssueSync:Products:gadget:Forums:0:Project"] = $"forum:c/{Sync.Sandbox.Discourse.SandboxDiscourse.DemoCategory}";

        // The widget's feature requests go through the voting lifecycle (3 votes within 14 days; the seed's requests,
        // opened before the demo started, count as new), and its releases get notes, the already closed v2.3 included.
        values["IssueSync:Products:widget:Lifecycle:Enabled"] = "true";
        values["IssueSync:Products:widget:Lifecycle:VotesNeeded"] = "3";
        values["IssueSync:Products:widget:Lifecycle:WindowDays"] = "14";
        values["IssueSync:Products:widget:Lifecycle:Since"] = "2000-01-01T00:00:00Z";
        values["IssueSync:Products:widget:Lifecycle:ExemptAuthors:0"] = "pm.lea";
        values["IssueSync:Products:widget:ReleaseNotes:Enabled"] = "true";
        values["IssueSync:Products:widget:ReleaseNotes:OnlyNewlyClosed"] = "false";
        values["IssueSync:Products:widget:Schedule:Lifecycle"] = "3-59/5 * * * *";
        values["IssueSync:Products:widget:Schedule:Releases"] = "4-59/10 * * * *";
        return values;
    }

    private static void AddTracker(Dictionary<string, string?> values, string name, string kind, SandboxInstance instance)
    {
        var key = $"IssueSync:Trackers:{name}";
        values[$"{key}:Kind"] = kind;
        values[$"{key}:ApiUrl"] = instance.ApiUrl.ToString();
        values[$"{key}:Token"] = instance.Token;
    }

    private static void AddProduct(Dictionary<string, string?> values, string product, string publicProject, string[] sources)
    {
        var key = $"IssueSync:Products:{product}";
        values[$"{key}:Public"] = publicProject;
        for (var i = 0; i < sources.Length; i++)
        {
            values[string.Create(CultureInfo.InvariantCulture, $"{key}:Sources:{i}:Project")] = sources[i];
        }

        // RICE on, with customer requests adding reach: the demo shows the labels and comments PMs would see.
        values[$"{key}:Rice:Enabled"] = "true";
        values[$"{key}:Rice:ReachLabels:customer"] = "5";
        values[$"{key}:Rice:Mode"] = "Percentiles"; // the demo's few votes would all be "low" on absolute thresholds

        values[$"{key}:Roadmap:Enabled"] = "true";

        // The seed's sensitive dev issue names an internal host and a private path: their public copies show the redaction.
        values[$"{key}:Redaction:InternalHosts:0"] = SandboxDemoIssues.InternalHost;
        values[$"{key}:Redaction:Patterns:0"] = System.Text.RegularExpressions.Regex.Escape(SandboxDemoIssues.PrivatePath) + @"[^\s`]*";

        // Every few minutes, so a visitor of the dashboard sees the recurring jobs run.
        values[$"{key}:Schedule:Move"] = "*/2 * * * *";
        values[$"{key}:Schedule:Votes"] = "1-59/2 * * * *";
        values[$"{key}:Schedule:Rice"] = "*/5 * * * *";
        values[$"{key}:Schedule:Roadmap"] = "*/10 * * * *";
    }

    /// <summary>Deletes the demo's state file (only that one) so a new demo starts with its new sandbox.</summary>
    public static void ResetDemoState(string configuredPath)
    {
        if (!string.Equals(configuredPath.Replace('\\', '/'), DemoStatePath, StringComparison.Ordinal))
        {
            return; // an explicitly configured store is never touched
        }

        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            var file = Path.GetFullPath(DemoStatePath + suffix);
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }
}
