using Sync.Core.Moving;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Planning;

/// <summary>A private GitLab source (dev.example, acme/widget-dev) moving to a public project.</summary>
internal static class PlanningFixtures
{
    public const string SourceWebRoot = "http://dev.example/";
    public const string SourceWebUrl = "http://dev.example/acme/widget-dev";
    public const string GitLabTargetRoot = "https://gitlab.com/";
    public const string GitHubTargetRoot = "https://github.com/";
    public const string SourcePath = "acme/widget-dev";
    public const string SourceIssue = "dev:acme/widget-dev#7";
    public static readonly DateTimeOffset Created = new(2026, 1, 31, 23, 30, 0, TimeSpan.Zero);

    public static TrackerIssue Issue(string title = "Crash on save", string body = "It crashes.") => new()
    {
        Ref = new IssueRef(new ProjectRef("dev", SourcePath), 7),
        Id = 1007,
        Title = title,
        Body = body,
        State = IssueState.Open,
        Labels = ["public", "bug"],
        Author = new TrackerUser("alice", 1),
        CreatedAt = Created,
        UpdatedAt = Created.AddDays(1),
        WebUrl = $"{SourceWebUrl}/-/issues/7",
    };

    public static TrackerComment Comment(long id, string body, int day = 1, bool system = false, bool isInternal = false, string author = "bob") => new()
    {
        Id = id,
        Body = body,
        Author = new TrackerUser(author, 2),
        CreatedAt = Created.AddDays(day),
        System = system,
        Internal = isInternal,
    };

    public static MovePlanInput Input(
        TrackerIssue? issue = null,
        IReadOnlyList<TrackerComment>? comments = null,
        MoveRules? rules = null,
        RedactionRules? redaction = null,
        TrackerKind target = TrackerKind.GitLab,
        IReadOnlyDictionary<long, string>? moved = null) => new(
        issue ?? Issue(),
        comments ?? [],
        new TrackerSite(TrackerKind.GitLab, new Uri(SourceWebRoot)),
        new ProjectRef("public", "acme/widget"),
        new TrackerSite(target, new Uri(target == TrackerKind.GitLab ? GitLabTargetRoot : GitHubTargetRoot)),
        rules ?? new MoveRules(),
        redaction ?? new RedactionRules(["ACME-\\d{6}"], ["intra.acme.net"]),
        moved ?? new Dictionary<long, string>(),
        [new TrackerLabel("bug", "#d9534f", "Something is broken")]);
}
