using Sync.Core.Trackers;

namespace Sync.Worker.Tests.Observability;

/// <summary>A tracker that only answers "who am I" through <see cref="Answer"/>; every other call is a test bug.</summary>
internal sealed class UserProbeTracker(string name) : ITrackerClient, ITrackerRegistry
{
    private int _calls;

    public Func<CancellationToken, Task<TrackerUser>> Answer { get; set; } = _ => Task.FromResult(new TrackerUser("issuesync-bot", 1));

    public int Calls => Volatile.Read(ref _calls);

    public string Name => name;

    public TrackerKind Kind => TrackerKind.GitLab;

    public Uri WebRoot => new("https://probe.example/");

    public IReadOnlyCollection<string> Names => [name];

    public ITrackerClient Get(string trackerName) => trackerName == name ? this : throw new KeyNotFoundException(trackerName);

    public Task<TrackerUser> GetCurrentUserAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Answer(cancellationToken);
    }

    public IAsyncEnumerable<TrackerIssue> ListIssuesAsync(string projectPath, IssueQuery query, CancellationToken cancellationToken) => throw Unexpected();

    public Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken) => throw Unexpected();

    public Task<TrackerIssue> CreateIssueAsync(string projectPath, NewIssue issue, CancellationToken cancellationToken) => throw Unexpected();

    public Task<TrackerIssue> EditIssueAsync(string projectPath, long number, IssueEdit edit, CancellationToken cancellationToken) => throw Unexpected();

    public IAsyncEnumerable<TrackerComment> ListCommentsAsync(string projectPath, long number, CancellationToken cancellationToken) => throw Unexpected();

    public Task<TrackerComment> CreateCommentAsync(string projectPath, long number, string body, bool isInternal, CancellationToken cancellationToken) => throw Unexpected();

    public Task<TrackerComment> EditCommentAsync(string projectPath, long number, long commentId, string body, CancellationToken cancellationToken) => throw Unexpected();

    public IAsyncEnumerable<TrackerReaction> ListIssueReactionsAsync(string projectPath, long number, CancellationToken cancellationToken) => throw Unexpected();

    public IAsyncEnumerable<TrackerReaction> ListCommentReactionsAsync(string projectPath, long number, long commentId, CancellationToken cancellationToken) => throw Unexpected();

    public IAsyncEnumerable<IssueVoteSignal> ListVoteSignalsAsync(string projectPath, VoteSignalQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<TrackerLabel> ListLabelsAsync(string projectPath, CancellationToken cancellationToken) => throw Unexpected();

    public Task<TrackerLabel> CreateLabelAsync(string projectPath, TrackerLabel label, CancellationToken cancellationToken) => throw Unexpected();

    public IAsyncEnumerable<TrackerMilestone> ListMilestonesAsync(string projectPath, CancellationToken cancellationToken) => throw Unexpected();

    public Task<TrackerMilestone> CreateMilestoneAsync(string projectPath, TrackerMilestone milestone, CancellationToken cancellationToken) => throw Unexpected();

    private static NotSupportedException Unexpected() => new("the readiness check only asks who the token belongs to");
}
