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
    public TimeSpan ProductLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The <c>/webhooks/gitlab</c> and <c>/webhooks/github</c> receivers (off until a secret is set).</summary>
    public WebhookOptions Webhooks { get; set; } = new();
}

internal sealed class TrackerOptions
{
    /// <summary><c>GitLab</c> or <c>GitHub</c> (kept as text so a typo gets a clear message, not a binder exception).</summary>
    public string? Kind { get; set; }

    /// <summary>API root, e.g. <c>https://gitlab.com/api/v4</c> or <c>https://api.github.com</c>.</summary>
    public string? ApiUrl { get; set; }

    public string? Token { get; set; }
}

internal sealed class ProductOptions
{
    /// <summary>The public project, <c>tracker:group/project</c>.</summary>
    public string? Public { get; set; }

    public List<SourceOptions> Sources { get; set; } = [];

    public RedactionOptions Redaction { get; set; } = new();

    public VoteOptions Votes { get; set; } = new();

    public RiceOptions Rice { get; set; } = new();

    public RoadmapOptions Roadmap { get; set; } = new();

    public ScheduleOptions Schedule { get; set; } = new();
}

/// <summary>One private source project and its move rules (defaults in <see cref="Sync.Core.Moving.MoveRules"/>).</summary>
internal sealed class SourceOptions
{
    public string? Project { get; set; }

    /// <summary>Labels an issue needs to move (default: <c>public</c>). Null, not an empty list: the binder appends to lists.</summary>
    public List<string>? Labels { get; set; }

    public List<string> ExcludeLabels { get; set; } = [];

    public bool IncludeConfidential { get; set; }

    public int? MaxAgeDays { get; set; }

    public int? UpdatedWithinDays { get; set; }

    public bool CloseSource { get; set; } = true;

    public string MovedLabel { get; set; } = "moved";

    public bool LinkToSource { get; set; }

    /// <summary>Name of the source project in the attribution header (its private path is never shown unless LinkToSource).</summary>
    public string? SourceName { get; set; }

    public Dictionary<string, string> LabelMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> DropLabels { get; set; } = [];

    public bool CreateMilestones { get; set; }

    public Dictionary<string, string> UserMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Failed attempts in a row after which a move is parked until a maintainer retries it.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before retrying a failed move; doubles with each further failure (at most six hours).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Redaction applied to everything a product writes publicly (on top of the built-in secret patterns).</summary>
internal sealed class RedactionOptions
{
    public List<string> Patterns { get; set; } = [];

    public List<string> InternalHosts { get; set; } = [];

    public bool UseDefaults { get; set; } = true;

    /// <summary>Projects of the sources' instances that are public (<c>group/project</c> or <c>group/*</c>): links to them stay.</summary>
    public List<string> PublicPaths { get; set; } = [];

    /// <summary>Treat each source's whole instance as internal; unset: when it is another instance than the public project's and not github.com/gitlab.com.</summary>
    public bool? SourceInstanceInternal { get; set; }
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

/// <summary>How emoji votes count as demand (defaults in <see cref="Sync.Core.Votes.VoteRules"/>).</summary>
internal sealed class VoteOptions
{
    /// <summary>Extra emoji and their weight, e.g. <c>heart: 1</c>, <c>rocket: 1</c> (thumbs up/down always count).</summary>
    public Dictionary<string, double> ExtraEmoji { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool ExcludeAuthor { get; set; } = true;

    public List<string> Bots { get; set; } = [];

    public bool CountCommentVotes { get; set; }

    public int WindowDays { get; set; } = 90;

    /// <summary>
    /// How often every issue's votes are re-counted whatever its vote signal says (between those passes only issues whose
    /// signal changed are), so nothing can drift forever. The dashboard's Full resync does one at once.
    /// </summary>
    public TimeSpan FullRecountEvery { get; set; } = new Sync.Core.Votes.VoteRules().FullRecountEvery;

    /// <summary>
    /// The same person on two hosts, e.g. <c>{ "From": "dev:alice", "To": "github:alice-gh" }</c>. A list of pairs, since a
    /// configuration key cannot contain the ':' of <c>tracker:username</c>.
    /// </summary>
    public List<IdentityLinkOptions> IdentityMap { get; set; } = [];
}

internal sealed class IdentityLinkOptions
{
    public string From { get; set; } = string.Empty;

    public string To { get; set; } = string.Empty;
}

/// <summary>
/// RICE scoring (defaults in <see cref="Sync.Core.Rice.RiceRules"/>). Off unless enabled: it labels and comments on
/// every open public issue, which a product team should ask for. Scales left unset use the defaults; a scale that is
/// set replaces the default whole.
/// </summary>
internal sealed class RiceOptions
{
    public bool Enabled { get; set; }

    public string Scope { get; set; } = "rice";

    public string OverrideLabel { get; set; } = "rice::manual";

    public bool Comment { get; set; } = true;

    public double ReachPerVoter { get; set; } = 1;

    /// <summary>Labels that add reach, e.g. <c>customer: 5</c>, <c>sales-request: 5</c>.</summary>
    public Dictionary<string, double> ReachLabels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string ImpactScope { get; set; } = "impact";

    /// <summary>Label value to impact; null keeps the default 3, 2, 1, 0.5, 0.25.</summary>
    public Dictionary<string, double>? ImpactScale { get; set; }

    public string ConfidenceScope { get; set; } = "confidence";

    /// <summary>Label value to confidence in percent; null keeps the default 100, 80, 50.</summary>
    public Dictionary<string, double>? ConfidenceScale { get; set; }

    /// <summary>Confidence in percent when an issue has no confidence label.</summary>
    public double DefaultConfidence { get; set; } = 50;

    public string EffortScope { get; set; } = "effort";

    public bool UseWeight { get; set; } = true;

    public double MonthsPerWeight { get; set; } = 1;

    /// <summary><c>Thresholds</c> (scores) or <c>Percentiles</c> (rank).</summary>
    public string Mode { get; set; } = "Thresholds";

    public RiceCutoffOptions Thresholds { get; set; } = new() { Top = 50, High = 20, Medium = 5 };

    public RiceCutoffOptions Percentiles { get; set; } = new() { Top = 10, High = 30, Medium = 60 };
}

internal sealed class RiceCutoffOptions
{
    public double Top { get; set; }

    public double High { get; set; }

    public double Medium { get; set; }
}

/// <summary>
/// The product's public roadmap (defaults in <see cref="Sync.Core.Roadmap.RoadmapRules"/>). Off unless enabled: it
/// creates an issue and labels in the public project.
/// </summary>
internal sealed class RoadmapOptions
{
    public bool Enabled { get; set; }

    public string Title { get; set; } = "Roadmap";

    public int NowSize { get; set; } = 5;

    public int NextSize { get; set; } = 10;

    public int LaterSize { get; set; } = 20;

    public int ShippedDays { get; set; } = 30;

    public string LabelScope { get; set; } = "roadmap";

    /// <summary>GitLab board name (GitLab public projects).</summary>
    public string BoardName { get; set; } = "Roadmap";

    /// <summary>Optional GitHub Projects v2 board (GitHub public projects).</summary>
    public GitHubProjectOptions? GitHubProject { get; set; }
}

internal sealed class GitHubProjectOptions
{
    /// <summary>Organisation or user that owns the project.</summary>
    public string Owner { get; set; } = string.Empty;

    /// <summary>Project number, from its URL (<c>github.com/orgs/acme/projects/3</c> → 3).</summary>
    public int Number { get; set; }

    /// <summary>Single-select field with options Now, Next and Later.</summary>
    public string Field { get; set; } = "Status";
}
