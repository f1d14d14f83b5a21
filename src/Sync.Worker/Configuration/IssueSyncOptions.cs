namespace Sync.Worker.Configuration;

/// <summary>The <c>IssueSync</c> configuration section (a public contract: documented in the README).</summary>
public sealed class IssueSyncOptions
{
    public const string SectionName = "IssueSync";

    /// <summary>Trackers by name; a project is referenced as <c>&lt;name&gt;:&lt;path&gt;</c>.</summary>
    public Dictionary<string, TrackerOptions> Trackers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Products by key.</summary>
    public Dictionary<string, ProductOptions> Products { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public StorageOptions Storage { get; set; } = new();
}

public sealed class TrackerOptions
{
    /// <summary><c>GitLab</c> or <c>GitHub</c> (kept as text so a typo gets a clear message, not a binder exception).</summary>
    public string? Kind { get; set; }

    /// <summary>API root, e.g. <c>https://gitlab.com/api/v4</c> or <c>https://api.github.com</c>.</summary>
    public string? ApiUrl { get; set; }

    public string? Token { get; set; }
}

public sealed class ProductOptions
{
    /// <summary>The public project, <c>tracker:group/project</c>.</summary>
    public string? Public { get; set; }

    public List<SourceOptions> Sources { get; set; } = [];

    public ScheduleOptions Schedule { get; set; } = new();
}

/// <summary>One private source project (the move rules are added by the move feature).</summary>
public sealed class SourceOptions
{
    public string? Project { get; set; }
}

public sealed class ScheduleOptions
{
    /// <summary>Cron (5 or 6 fields, or a macro such as <c>@hourly</c>) of the full pipeline.</summary>
    public string Pipeline { get; set; } = "*/15 * * * *";

    /// <summary>IANA time zone the cron is evaluated in.</summary>
    public string TimeZone { get; set; } = "UTC";
}

public sealed class StorageOptions
{
    /// <summary>SQLite file for IssueSync's state when no PostgreSQL connection string is set.</summary>
    public string SqlitePath { get; set; } = "data/issuesync.db";
}
