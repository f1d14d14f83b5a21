using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Moving.Execution;

/// <summary>
/// Thrown by a fake right after a write, before the caller sees the result: models the process dying there.
/// It derives from <see cref="OperationCanceledException"/> because the executor lets exactly that through
/// unrecorded, as a dead process would record nothing.
/// </summary>
public sealed class SimulatedCrash() : OperationCanceledException("simulated crash after a write");

/// <summary>Counts writes across the fakes that share it and fails at a chosen one.</summary>
public sealed class CrashSwitch
{
    public int Writes { get; private set; }

    /// <summary>Perform the N-th write, then die (<see cref="SimulatedCrash"/>).</summary>
    public int? CrashAfter { get; set; }

    /// <summary>Refuse the N-th write before performing it (a transient tracker error).</summary>
    public int? FailBefore { get; set; }

    /// <summary>What <see cref="FailBefore"/> throws; default a 503 (the tracker was unavailable).</summary>
    public Func<string, string, Exception>? FailWith { get; set; }

    /// <summary>Perform the N-th write, then lose its answer (a 502 or a timeout after the tracker committed it).</summary>
    public int? LoseAnswerAfter { get; set; }

    public List<string> Log { get; } = [];

    /// <summary>Runs after each write with its kind and the count so far: a human changing things mid-move.</summary>
    public Action<string, int>? AfterWrite { get; set; }

    public void Before(string tracker, string kind)
    {
        if (FailBefore == Writes + 1)
        {
            FailBefore = null;
            throw FailWith?.Invoke(tracker, kind) ?? new TrackerUnavailableException(tracker, $"503 on {kind}");
        }
    }

    public void After(string kind) => After("tracker", kind);

    public void After(string tracker, string kind)
    {
        Writes++;
        Log.Add(kind);
        AfterWrite?.Invoke(kind, Writes);
        if (CrashAfter == Writes)
        {
            CrashAfter = null;
            throw new SimulatedCrash();
        }

        if (LoseAnswerAfter == Writes)
        {
            LoseAnswerAfter = null;
            throw new TrackerUnavailableException(tracker, $"502 Bad Gateway after {kind} was committed");
        }
    }
}

/// <summary>In-memory tracker: one dictionary per resource, every call counted by kind.</summary>
public sealed class FakeTracker(string name, TrackerKind kind, FakeTimeProvider time, CrashSwitch? crash = null) : ITrackerClient, IUploads
{
    private static readonly string[] WriteKinds = ["CreateIssue", "EditIssue", "CreateComment", "EditComment", "CreateLabel", "CreateMilestone", "UploadFile"];
    private long _nextId = 1000;

    public string Name => name;

    public TrackerKind Kind => kind;

    public Uri WebRoot => new($"https://{name}.example/");

    public Dictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Path, long Number), TrackerIssue> Issues { get; } = [];

    public Dictionary<(string Path, long Number), List<TrackerComment>> Comments { get; } = [];

    public Dictionary<string, List<TrackerLabel>> Labels { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<TrackerMilestone>> Milestones { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, a create-issue whose title it matches is refused with this error.</summary>
    public Func<NewIssue, Exception?>? RejectIssue { get; set; }

    public int Writes => Calls.Where(c => WriteKinds.Contains(c.Key)).Sum(c => c.Value);

    public int Reads => Calls.Where(c => !WriteKinds.Contains(c.Key)).Sum(c => c.Value);

    public int CallsOf(string callKind) => Calls.GetValueOrDefault(callKind);

    public TrackerIssue AddIssue(string path, long number, string title, string body, IReadOnlyList<string> labels, IssueState state = IssueState.Open, string? milestone = null)
    {
        var issue = new TrackerIssue
        {
            Ref = new IssueRef(new ProjectRef(name, path), number),
            Id = _nextId++,
            Title = title,
            Body = body,
            State = state,
            Labels = labels,
            Milestone = milestone,
            Author = new TrackerUser("alice", 1),
            CreatedAt = time.GetUtcNow(),
            UpdatedAt = time.GetUtcNow(),
            WebUrl = $"https://{name}.example/{path}/-/issues/{number}",
        };
        Issues[(path, number)] = issue;
        Comments[(path, number)] = [];
        return issue;
    }

    public TrackerComment AddComment(string path, long number, string body, string author = "bob", bool system = false, bool isInternal = false)
    {
        var comment = new TrackerComment { Id = _nextId++, Body = body, Author = new TrackerUser(author, 2), CreatedAt = time.GetUtcNow(), System = system, Internal = isInternal };
        Comments[(path, number)].Add(comment);
        return comment;
    }

    public Task<TrackerUser> GetCurrentUserAsync(CancellationToken cancellationToken) => Read("GetCurrentUser", new TrackerUser("issuesync", 99));

    public IAsyncEnumerable<TrackerIssue> ListIssuesAsync(string projectPath, IssueQuery query, CancellationToken cancellationToken)
    {
        Count("ListIssues");
        var issues = Issues.Where(i => i.Key.Path == projectPath).Select(i => i.Value)
            .Where(i => query.State == IssueStateFilter.All || (query.State == IssueStateFilter.Open) == (i.State == IssueState.Open))
            .Where(i => (query.Labels ?? []).All(l => i.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)))
            .Where(i => query.UpdatedSince is not { } since || i.UpdatedAt >= since)
            .OrderBy(i => i.UpdatedAt);
        return Yield(issues, cancellationToken);
    }

    public Task<TrackerIssue> GetIssueAsync(string projectPath, long number, CancellationToken cancellationToken) =>
        Read("GetIssue", Issues.TryGetValue((projectPath, number), out var issue) ? issue
            : Transferred.TryGetValue((projectPath, number), out var to) ? throw new TrackerNotFoundException(name, $"{projectPath}#{number}", statusCode: 301, transferredTo: to)
            : throw new TrackerNotFoundException(name, $"{projectPath}#{number}"));

    /// <summary>Issues moved away (GitHub's transfer): reading the old reference fails as not found, naming the new one.</summary>
    public Dictionary<(string Path, long Number), IssueRef> Transferred { get; } = [];

    public Task<TrackerIssue> CreateIssueAsync(string projectPath, NewIssue issue, CancellationToken cancellationToken) =>
        Write("CreateIssue", () =>
        {
            if (RejectIssue?.Invoke(issue) is { } error)
            {
                throw error;
            }

            var number = Issues.Keys.Where(k => k.Path == projectPath).Select(k => k.Number).DefaultIfEmpty(0).Max() + 1;
            var milestone = issue.MilestoneId is { } id ? Milestones[projectPath].Single(m => m.Id == id).Title : null;
            var created = AddIssue(projectPath, number, issue.Title, issue.Body, issue.Labels ?? [], milestone: milestone) with { Confidential = issue.Confidential };
            Issues[(projectPath, number)] = created;
            return created;
        });

    public Task<TrackerIssue> EditIssueAsync(string projectPath, long number, IssueEdit edit, CancellationToken cancellationToken) =>
        Write("EditIssue", () =>
        {
            var issue = Issues[(projectPath, number)];
            var labels = issue.Labels.Concat(edit.AddLabels ?? []).Except(edit.RemoveLabels ?? []).Distinct().ToList();
            issue = issue with
            {
                State = edit.State ?? issue.State,
                StateReason = edit.StateReason ?? issue.StateReason,
                Labels = labels,
                UpdatedAt = time.GetUtcNow(),
            };
            Issues[(projectPath, number)] = issue;
            return issue;
        });

    public IAsyncEnumerable<TrackerComment> ListCommentsAsync(string projectPath, long number, CancellationToken cancellationToken)
    {
        Count("ListComments");
        return Yield(Comments[(projectPath, number)], cancellationToken);
    }

    public Task<TrackerComment> CreateCommentAsync(string projectPath, long number, string body, bool isInternal, CancellationToken cancellationToken) =>
        Write("CreateComment", () =>
        {
            var comment = AddComment(projectPath, number, body, "issuesync", isInternal: isInternal);
            Issues[(projectPath, number)] = Issues[(projectPath, number)] with { UpdatedAt = time.GetUtcNow() };
            return comment;
        });

    public Task<TrackerComment> EditCommentAsync(string projectPath, long number, long commentId, string body, CancellationToken cancellationToken) =>
        throw new NotSupportedException("not used by moves");

    public IAsyncEnumerable<TrackerReaction> ListIssueReactionsAsync(string projectPath, long number, CancellationToken cancellationToken) =>
        throw new NotSupportedException("not used by moves");

    public IAsyncEnumerable<TrackerReaction> ListCommentReactionsAsync(string projectPath, long number, long commentId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("not used by moves");

    public IAsyncEnumerable<IssueVoteSignal> ListVoteSignalsAsync(string projectPath, VoteSignalQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<TrackerLabel> ListLabelsAsync(string projectPath, CancellationToken cancellationToken)
    {
        Count("ListLabels");
        return Yield(Labels.GetValueOrDefault(projectPath) ?? [], cancellationToken);
    }

    public Task<TrackerLabel> CreateLabelAsync(string projectPath, TrackerLabel label, CancellationToken cancellationToken) =>
        Write("CreateLabel", () =>
        {
            var labels = Labels.TryGetValue(projectPath, out var list) ? list : Labels[projectPath] = [];
            if (labels.Find(l => string.Equals(l.Name, label.Name, StringComparison.OrdinalIgnoreCase)) is { } existing)
            {
                return existing;
            }

            labels.Add(label);
            return label;
        });

    public IAsyncEnumerable<TrackerMilestone> ListMilestonesAsync(string projectPath, CancellationToken cancellationToken)
    {
        Count("ListMilestones");
        return Yield(Milestones.GetValueOrDefault(projectPath) ?? [], cancellationToken);
    }

    public Task<TrackerMilestone> CreateMilestoneAsync(string projectPath, TrackerMilestone milestone, CancellationToken cancellationToken) =>
        Write("CreateMilestone", () =>
        {
            var created = milestone with { Id = _nextId++ };
            (Milestones.TryGetValue(projectPath, out var list) ? list : Milestones[projectPath] = []).Add(created);
            return created;
        });

    public Task<TrackerUpload> UploadFileAsync(string projectPath, string fileName, Stream content, CancellationToken cancellationToken) =>
        Write("UploadFile", () =>
        {
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            var url = $"/uploads/{_nextId++:x}/{fileName}";
            Files[url] = copy.ToArray();
            return new TrackerUpload(url, $"![{fileName}]({url})");
        });

    public Task<byte[]> DownloadUploadAsync(string projectPath, string uploadUrl, CancellationToken cancellationToken)
    {
        if (RefuseDownloads)
        {
            Count("DownloadUpload");
            throw new TrackerUploadRefusedException(name, uploadUrl, "the answer was JSON");
        }

        return Read("DownloadUpload", Files[uploadUrl]);
    }

    /// <summary>Every download is refused, as the GitLab adapter refuses a JSON answer or a bad link.</summary>
    public bool RefuseDownloads { get; set; }

    private void Count(string callKind) => Calls[callKind] = Calls.GetValueOrDefault(callKind) + 1;

    private Task<T> Read<T>(string callKind, T result)
    {
        Count(callKind);
        return Task.FromResult(result);
    }

    private Task<T> Write<T>(string callKind, Func<T> write)
    {
        Count(callKind);
        crash?.Before(name, callKind);
        var result = write();
        crash?.After(name, callKind);
        return Task.FromResult(result);
    }

    private static async IAsyncEnumerable<T> Yield<T>(IEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.CompletedTask;
            yield return item;
        }
    }
}
