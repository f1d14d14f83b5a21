using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Sync.Core.Trackers;

namespace Sync.Core.Moving;

/// <summary>
/// Per-source rules: which issues move and how they are transformed. The Worker binds
/// <c>IssueSync:Products:&lt;key&gt;:Sources:&lt;i&gt;</c> straight into this type, so the defaults written here are the
/// documented ones (README, "Moving issues") and there is no other copy of them. The listing request
/// (<see cref="ListingQuery"/>), the eligibility decision (<see cref="IsEligible"/>) and the cross-field checks
/// (<see cref="Validate"/>; ranges are the annotations) are here too, next to the values they read.
/// </summary>
public partial record MoveRules
{
    /// <summary>The label an issue needs to move when <see cref="Labels"/> is not configured.</summary>
    public const string DefaultLabel = "public";

    /// <summary>
    /// Labels an issue must carry all of to move, as configured; null or empty means <see cref="DefaultLabel"/> (a list
    /// default would be appended to, not replaced, by the configuration binder). Read <see cref="LabelsOrDefault"/>.
    /// </summary>
    public List<string>? Labels { get; set; }

    /// <summary>An issue must carry all of these to move (a forum's ideas need none unless configured).</summary>
    public virtual IReadOnlyList<string> LabelsOrDefault => Labels is { Count: > 0 } labels ? labels : [DefaultLabel];

    /// <summary>How the attribution header names the origin when <see cref="SourceName"/> is not set.</summary>
    public virtual string Origin => Planning.Attribution.GenericOrigin;

    /// <summary>The edit that closes a moved source when <see cref="CloseSource"/> is on (a forum closes or locks its idea).</summary>
    public virtual IssueEdit CloseEdit => new(State: IssueState.Closed, StateReason: "completed");

    /// <summary>An issue carrying any of these never moves.</summary>
    public List<string> ExcludeLabels { get; set; } = [];

    /// <summary>Confidential issues never move unless this is set explicitly.</summary>
    public bool IncludeConfidential { get; set; }

    /// <summary>Only issues created at most this many days ago (null: any age).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be at least {1} (leave it out for any age)")]
    public int? MaxAgeDays { get; set; }

    /// <summary>Only issues updated within this many days (null: any).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be at least {1} (leave it out for any time)")]
    public int? UpdatedWithinDays { get; set; }

    /// <summary>Comment "Moved to URL" on the source, then close it. When false, label it with <see cref="MovedLabel"/> instead.</summary>
    public bool CloseSource { get; set; } = true;

    public string MovedLabel { get; set; } = "moved";

    /// <summary>Put the private source URL in the attribution header (it reveals private paths, so off by default).</summary>
    public bool LinkToSource { get; set; }

    /// <summary>
    /// How the attribution header names the source project ("Moved from **Widget dev tracker**"). Null: "the development
    /// tracker" — the project's path is private, so it is never used unless <see cref="LinkToSource"/> is set.
    /// </summary>
    public string? SourceName { get; set; }

    /// <summary>Source label name → target label name (case-insensitive); unmapped labels keep their name.</summary>
    public Dictionary<string, string> LabelMap { get; set => field = new(value, StringComparer.OrdinalIgnoreCase); } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Labels that never travel (for example workflow labels of the private tracker). The eligibility labels are dropped unless mapped.</summary>
    public List<string> DropLabels { get; set; } = [];

    /// <summary>Create a milestone of the same title in the target when it does not exist (else the milestone is left off).</summary>
    public bool CreateMilestones { get; set; }

    /// <summary>Source username → target username for @mentions; unmapped mentions are neutralised so nobody is pinged.</summary>
    public Dictionary<string, string> UserMap { get; set => field = new(value, StringComparer.OrdinalIgnoreCase); } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Failed attempts after which a move is parked until a maintainer retries it.</summary>
    [Range(1, 100, ErrorMessage = "{{value}} is outside {1} to {2}")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt of a failed move; it doubles with each further failure, up to six hours.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "06:00:00", ErrorMessage = "{{value}} is outside {1} to {2}")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The source listing the move step reads: open issues carrying every one of <see cref="LabelsOrDefault"/>.</summary>
    public IssueQuery ListingQuery => new(IssueStateFilter.Open, LabelsOrDefault);

    /// <summary>
    /// Whether <paramref name="issue"/> moves under these rules. The clock is a parameter so the planner and this check
    /// stay pure; <paramref name="reason"/> is a short phrase for dry-run output ("eligible" when it moves).
    /// </summary>
    public bool IsEligible(TrackerIssue issue, DateTimeOffset now, out string reason)
    {
        ArgumentNullException.ThrowIfNull(issue);
        reason = Ineligibility(issue, now) ?? "eligible";
        return reason == "eligible";
    }

    /// <summary>The cross-field checks of these rules (the ranges are annotations); each error starts with <paramref name="key"/>.</summary>
    public void Validate(string key, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        CheckNames($"{key}:Labels", Labels ?? [], errors);
        CheckNames($"{key}:ExcludeLabels", ExcludeLabels, errors);
        CheckNames($"{key}:DropLabels", DropLabels, errors);
        if (ExcludeLabels.Intersect(LabelsOrDefault, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } both)
        {
            errors.Add($"{key}:ExcludeLabels: '{both}' is also in Labels, so no issue could ever move");
        }

        if (string.IsNullOrWhiteSpace(MovedLabel))
        {
            errors.Add($"{key}:MovedLabel: is empty; it marks moved sources and keeps them from moving twice");
        }

        foreach (var (from, to) in LabelMap)
        {
            if (string.IsNullOrWhiteSpace(to))
            {
                errors.Add($"{key}:LabelMap:{from}: maps to an empty label name (use DropLabels to drop a label)");
            }
        }

        foreach (var (from, to) in UserMap)
        {
            if (!UserName().IsMatch(to.TrimStart('@')))
            {
                errors.Add($"{key}:UserMap:{from}: '{to}' is not a username");
            }
        }
    }

    /// <summary>When a move that failed <paramref name="attempts"/> times may be tried again.</summary>
    public DateTimeOffset NextAttempt(DateTimeOffset lastAttempt, int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        var wait = TimeSpan.FromTicks((long)Math.Min(RetryAfter.Ticks * factor, TimeSpan.FromHours(6).Ticks));
        return lastAttempt + wait;
    }

    private string? Ineligibility(TrackerIssue issue, DateTimeOffset now)
    {
        bool Has(string label) => issue.Labels.Contains(label, StringComparer.OrdinalIgnoreCase);

        if (issue.State != IssueState.Open)
        {
            return "closed";
        }

        if (!string.IsNullOrWhiteSpace(MovedLabel) && Has(MovedLabel))
        {
            return $"already moved (label '{MovedLabel}')";
        }

        if (issue.Confidential && !IncludeConfidential)
        {
            return "confidential";
        }

        if (LabelsOrDefault.FirstOrDefault(l => !Has(l)) is { } missing)
        {
            return $"missing label '{missing}'";
        }

        if (ExcludeLabels.FirstOrDefault(Has) is { } excluded)
        {
            return $"excluded by label '{excluded}'";
        }

        if (MaxAgeDays is { } maxAge && now - issue.CreatedAt > TimeSpan.FromDays(maxAge))
        {
            return string.Create(CultureInfo.InvariantCulture, $"created more than {maxAge} days ago");
        }

        if (UpdatedWithinDays is { } within && now - issue.UpdatedAt > TimeSpan.FromDays(within))
        {
            return string.Create(CultureInfo.InvariantCulture, $"not updated within {within} days");
        }

        return MoreIneligibility(issue);
    }

    /// <summary>What a derived kind of source adds to the eligibility checks (a forum's vote minimum); null: eligible.</summary>
    protected virtual string? MoreIneligibility(TrackerIssue issue) => null;

    private static void CheckNames(string key, List<string> names, List<string> errors)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]) || names[i].Contains(',', StringComparison.Ordinal))
            {
                errors.Add($"{key}:{i}: '{names[i]}' is not a label name (empty or contains a comma)");
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex UserName();
}

/// <summary>
/// What is removed from everything written to a public tracker, before it is written. The Worker binds
/// <c>IssueSync:Products:&lt;key&gt;:Redaction</c> straight into this type (defaults written once, here).
/// </summary>
public sealed record RedactionRules
{
    public RedactionRules()
    {
    }

    /// <param name="patterns">See <see cref="Patterns"/>.</param>
    /// <param name="internalHosts">See <see cref="InternalHosts"/>.</param>
    /// <param name="useDefaults">See <see cref="UseDefaults"/>.</param>
    public RedactionRules(IEnumerable<string> patterns, IEnumerable<string> internalHosts, bool useDefaults = true)
    {
        Patterns = [.. patterns];
        InternalHosts = [.. internalHosts];
        UseDefaults = useDefaults;
    }

    /// <summary>No extra patterns or hosts, the built-in secret rules on (a new instance each time: the lists are settable).</summary>
    public static RedactionRules Default => new();

    /// <summary>Extra regular expressions (.NET syntax) whose matches are replaced by <c>[REDACTED]</c>.</summary>
    public List<string> Patterns { get; set; } = [];

    /// <summary>Host names (and their subdomains) that must not appear publicly; URLs and bare mentions are replaced.</summary>
    public List<string> InternalHosts { get; set; } = [];

    /// <summary>The built-in secret rules (gitleaks' rule set and IssueSync's additions).</summary>
    public bool UseDefaults { get; set; } = true;

    /// <summary>
    /// Projects on the source's instance that are public (<c>group/project</c>, or <c>group/*</c> for a whole namespace):
    /// links and references to them stay. Everything else in the source's namespace (or, for a source on another
    /// instance, the whole instance) is private. Surrounding spaces and slashes are ignored where they are read.
    /// </summary>
    public List<string> PublicPaths { get; set; } = [];

    /// <summary>
    /// Treat the whole source instance as internal. Null (the default): yes when the source is another instance than
    /// the public project's and its host is not a shared one (github.com, gitlab.com).
    /// </summary>
    public bool? SourceInstanceInternal { get; set; }
}
