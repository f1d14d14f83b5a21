using System.Globalization;
using System.Text.Json;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Lifecycle;

/// <summary>Where a feature request stands in the voting lifecycle.</summary>
public enum LifecyclePhase
{
    /// <summary>Open, labelled for voting, its window running.</summary>
    Voting,

    /// <summary>Reached the threshold in its window: a normal request from then on; IssueSync does not touch it again.</summary>
    Backlog,

    /// <summary>Closed as not planned by IssueSync; still counted, so late votes can reopen it.</summary>
    NotPlanned,

    /// <summary>Reopened by late votes into the backlog; IssueSync does not touch it again.</summary>
    Reopened,

    /// <summary>A human took over (closed, reopened, unlabelled or planned it); IssueSync never touches it again.</summary>
    Stopped,
}

/// <summary>The facts of a public issue the lifecycle decides on, as last listed (or as IssueSync's own writes left them).</summary>
public sealed record LifecycleIssue
{
    public required long Number { get; init; }

    public required string Title { get; init; }

    public string WebUrl { get; init; } = string.Empty;

    public IssueState State { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public string? Milestone { get; init; }

    public string Author { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    public bool Confidential { get; init; }

    public int CommentCount { get; init; }

    public static LifecycleIssue From(TrackerIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return new()
        {
            Number = issue.Ref.Number,
            Title = issue.Title,
            WebUrl = issue.WebUrl,
            State = issue.State,
            Labels = issue.Labels,
            Milestone = issue.Milestone,
            Author = issue.Author.Username,
            CreatedAt = issue.CreatedAt,
            Confidential = issue.Confidential,
            CommentCount = issue.CommentCount,
        };
    }

    public bool Has(string label) => Labels.Contains(label, StringComparer.OrdinalIgnoreCase);

    /// <summary>The labels after adding <paramref name="add"/> and removing <paramref name="remove"/> (case-insensitive).</summary>
    public LifecycleIssue WithLabels(IReadOnlyList<string> add, IReadOnlyList<string> remove) => this with
    {
        Labels = [.. Labels.Where(l => !remove.Contains(l, StringComparer.OrdinalIgnoreCase) && !add.Contains(l, StringComparer.OrdinalIgnoreCase)).Concat(add)],
    };
}

/// <summary>
/// What the lifecycle keeps about one candidate between passes (document kind <see cref="Kind"/>, key the issue number):
/// the issue's facts, its phase and window, the vote count its comment shows, and IssueSync's comment as last written, so
/// a pass re-evaluates every voting or closed candidate (a window ends without the issue changing) without a request.
/// </summary>
public sealed record LifecycleEntry
{
    public const string Kind = "lifecycle";

    /// <summary>Kind of the one document (key: the product) holding when the lifecycle first ran, the default <see cref="LifecycleRules.Since"/>.</summary>
    public const string SinceKind = "lifecycle-since";

    public required LifecycleIssue Issue { get; init; }

    public LifecyclePhase Phase { get; init; }

    public DateTimeOffset VotingStartedAt { get; init; }

    public DateTimeOffset VotingEndsAt { get; init; }

    /// <summary>The vote count IssueSync's comment last showed (and, once decided, the count it was decided on).</summary>
    public int Votes { get; init; }

    /// <summary>The votes it had when IssueSync closed it (what "more were needed" is counted from after a reopen).</summary>
    public int? ClosedWithVotes { get; init; }

    /// <summary>When it reached the backlog, was closed, reopened or stopped.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>When it was closed as not planned (kept after a reopen, for the comment).</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Why IssueSync stopped (a human's action), for the report.</summary>
    public string? StopReason { get; init; }

    public long? CommentId { get; init; }

    public string? CommentBody { get; init; }

    public long Number => Issue.Number;

    /// <summary>Voting, or closed by IssueSync and still counted: what each pass re-evaluates and the dashboard lists.</summary>
    public bool IsActive => Phase is LifecyclePhase.Voting or LifecyclePhase.NotPlanned;

    public static string KeyOf(long number) => number.ToString(CultureInfo.InvariantCulture);

    public StoredDocument ToStored(string product, DateTimeOffset at) => new(product, Kind, KeyOf(Number), JsonSerializer.Serialize(this), at);

    public static async Task<Dictionary<long, LifecycleEntry>> LoadAsync(IDocumentStore store, string product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var documents = await store.ListDocumentsAsync(product, Kind, cancellationToken);
        return documents
            .Select(d => JsonSerializer.Deserialize<LifecycleEntry>(d.Body) ?? throw new InvalidDataException($"Lifecycle document '{d.Key}' of '{product}' is empty."))
            .ToDictionary(e => e.Number);
    }

    /// <summary>Numbers of the issues IssueSync closed as not planned: the votes step keeps counting them, so late votes can reopen them.</summary>
    public static async Task<IReadOnlyList<long>> ClosedNumbersAsync(IDocumentStore store, string product, CancellationToken cancellationToken) =>
        [.. (await LoadAsync(store, product, cancellationToken)).Values.Where(e => e.Phase == LifecyclePhase.NotPlanned).Select(e => e.Number).Order()];

    /// <summary>
    /// The issues that are voting candidates: those IssueSync labelled (its documents, saved before RICE and the roadmap
    /// run in the same pass, whose listing may predate the label) and those a listing shows with <paramref name="votingLabel"/>.
    /// RICE and the roadmap leave them out.
    /// </summary>
    public static async Task<Func<long, IReadOnlyList<string>, bool>> VotingAsync(IDocumentStore store, string product, LifecycleRules? rules, CancellationToken cancellationToken)
    {
        if (rules is null)
        {
            return static (_, _) => false;
        }

        var voting = (await LoadAsync(store, product, cancellationToken)).Values.Where(e => e.Phase == LifecyclePhase.Voting).Select(e => e.Number).ToHashSet();
        return (number, labels) => voting.Contains(number) || labels.Contains(rules.VotingLabel, StringComparer.OrdinalIgnoreCase);
    }
}
