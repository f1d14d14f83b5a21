using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Sync.Core.Moving;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Votes;

namespace Sync.Worker.Configuration;

/// <summary>The <c>IssueSync</c> configuration section (a public contract: documented in the README).</summary>
internal sealed class IssueSyncOptions
{
    public const string SectionName = "IssueSync";

    /// <summary>Trackers by name; a project is referenced as <c>&lt;name&gt;:&lt;path&gt;</c>.</summary>
    public Dictionary<string, TrackerOptions> Trackers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Products by key.</summary>
    public Dictionary<string, ProductOptions> Products { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public StorageOptions Storage { get; set; } = new();

    /// <summary>The Prometheus scrape endpoint of service mode.</summary>
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>Who may open the dashboard at <c>/hangfire</c>.</summary>
    public DashboardAccessOptions Dashboard { get; set; } = new();

    /// <summary>
    /// How long a product's run lease lasts without renewal (renewed three times per period while the run lasts):
    /// after a crash the product is free again within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "{{value}} is outside {1} to {2}")]
    public TimeSpan ProductLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The <c>/webhooks/gitlab</c> and <c>/webhooks/github</c> receivers (off until a secret is set).</summary>
    [ValidateObjectMembers]
    public WebhookOptions Webhooks { get; set; } = new();
}

internal sealed class TrackerOptions
{
    /// <summary><c>GitLab</c> or <c>GitHub</c> (kept as text so a typo gets a clear message, not a binder exception).</summary>
    public string? Kind { get; set; }

    /// <summary>API root, e.g. <c>https://gitlab.com/api/v4</c> or <c>https://api.github.com</c>.</summary>
    public string? ApiUrl { get; set; }

    public string? Token { get; set; }

    /// <summary>Discourse only: the <c>Api-Username</c> the <see cref="Token"/> (the <c>Api-Key</c>) acts as.</summary>
    public string? Username { get; set; }
}

internal sealed class ProductOptions
{
    /// <summary>The public project, <c>tracker:group/project</c>.</summary>
    public string? Public { get; set; }

    public List<SourceOptions> Sources { get; set; } = [];

    /// <summary>Feature forums whose ideas move into the public project (rules and defaults: <see cref="Sync.Core.Forums.ForumRules"/>).</summary>
    public List<ForumOptions> Forums { get; set; } = [];

    public RedactionRules Redaction { get; set; } = new();

    public VoteRules Votes { get; set; } = new();

    public RiceOptions Rice { get; set; } = new();

    public RoadmapOptions Roadmap { get; set; } = new();

    public LifecycleOptions Lifecycle { get; set; } = new();

    public ReleaseNotesOptions ReleaseNotes { get; set; } = new();

    public ScheduleOptions Schedule { get; set; } = new();
}

/// <summary>One private source project and its move rules (the rules and their defaults are <see cref="MoveRules"/>).</summary>
internal sealed record SourceOptions : MoveRules
{
    public string? Project { get; set; }
}

/// <summary>One feature forum and its rules (the rules and their defaults are <see cref="Sync.Core.Forums.ForumRules"/>).</summary>
internal sealed record ForumOptions : Sync.Core.Forums.ForumRules
{
    /// <summary>
    /// <c>&lt;forum&gt;:&lt;owner&gt;/&lt;repo&gt;/&lt;category-slug&gt;</c> (GitHub Discussions),
    /// <c>&lt;forum&gt;:c/&lt;category-slug&gt;</c> (Discourse) or <c>csv:&lt;product&gt;/import</c> (CSV imports).
    /// </summary>
    public string? Project { get; set; }
}

/// <summary>
/// Crons (5 or 6 fields, or a macro such as <c>@hourly</c>; empty turns a stage's schedule off) of each stage, one key
/// per <see cref="Sync.Core.Pipeline.StageDescriptor.CronKey"/> (<c>Schedule:Move</c>, <c>Schedule:Votes</c>,
/// <c>Schedule:Rice</c>, <c>Schedule:Roadmap</c>; defaults in <see cref="Sync.Core.Pipeline.PipelineStages"/>). RICE
/// and the roadmap are only scheduled for products that enable them.
/// </summary>
internal sealed class ScheduleOptions
{
    // Bound by StageCrons from Schedule:<CronKey>, so a new stage needs no property here.
    private readonly Dictionary<string, string> _crons = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Replaced by the per-stage crons; set only to tell an old configuration what to use instead.</summary>
    public string? Pipeline { get; set; }

    /// <summary>IANA time zone the cron is evaluated in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The stage's configured cron, else its default; empty when its schedule is turned off.</summary>
    public string CronOf(Sync.Core.Pipeline.StageDescriptor stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage.CronKey is { } key && _crons.TryGetValue(key, out var cron) ? cron : stage.DefaultCron;
    }

    /// <summary>Sets the cron of the stage whose <see cref="Sync.Core.Pipeline.StageDescriptor.CronKey"/> is <paramref name="cronKey"/>.</summary>
    public ScheduleOptions WithCron(string cronKey, string cron)
    {
        _crons[cronKey] = cron;
        return this;
    }
}

internal sealed class MetricsOptions
{
    public const string DefaultPath = "/metrics";

    /// <summary>Serve the <c>IssueSync</c> meter in Prometheus text format (service mode only; <c>--once</c> never does).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the scrape endpoint is mapped; must start with '/'.</summary>
    public string Path { get; set; } = DefaultPath;

    public static bool IsValidPath(string? path) =>
        path is { Length: > 1 } && path[0] == '/' && path.IndexOfAny(['?', '#', ' ']) < 0;

    /// <summary>
    /// Reads the raw section while the host is being built, before options are validated: an unreadable value falls
    /// back to the default here and is reported by <see cref="IssueSyncOptionsValidator"/> at start.
    /// </summary>
    public static MetricsOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection($"{IssueSyncOptions.SectionName}:Metrics");
        var path = section[nameof(Path)];
        return new MetricsOptions
        {
            Enabled = !bool.TryParse(section[nameof(Enabled)], out var enabled) || enabled,
            Path = string.IsNullOrWhiteSpace(path) ? DefaultPath : path,
        };
    }
}

internal sealed class StorageOptions
{
    /// <summary>SQLite file for IssueSync's state when no PostgreSQL connection string is set.</summary>
    public string SqlitePath { get; set; } = "data/issuesync.db";
}

/// <summary>
/// RICE scoring (the settings and their defaults are <see cref="RiceRules"/>). Off unless enabled: it labels and comments
/// on every open public issue, which a product team should ask for.
/// </summary>
internal sealed record RiceOptions : RiceRules
{
    public bool Enabled { get; set; }
}

/// <summary>
/// The product's public roadmap (the settings and their defaults are <see cref="RoadmapRules"/>). Off unless enabled: it
/// creates an issue and labels in the public project.
/// </summary>
internal sealed record RoadmapOptions : RoadmapRules
{
    public bool Enabled { get; set; }
}

/// <summary>
/// The voting lifecycle of new feature requests (the settings and their defaults are
/// <see cref="Sync.Core.Lifecycle.LifecycleRules"/>). Off unless enabled: it labels, comments on, closes and reopens
/// public issues.
/// </summary>
internal sealed record LifecycleOptions : Sync.Core.Lifecycle.LifecycleRules
{
    public bool Enabled { get; set; }
}

/// <summary>
/// Release notes per milestone (the settings and their defaults are <see cref="Sync.Core.Releases.ReleaseNotesRules"/>).
/// Off unless enabled: it creates an issue per milestone in the public project.
/// </summary>
internal sealed record ReleaseNotesOptions : Sync.Core.Releases.ReleaseNotesRules
{
    public bool Enabled { get; set; }
}
