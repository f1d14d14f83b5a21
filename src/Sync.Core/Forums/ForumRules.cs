using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Sync.Core.Moving;
using Sync.Core.Trackers;

namespace Sync.Core.Forums;

/// <summary>How a moved idea is left on its forum.</summary>
public enum ForumClose
{
    /// <summary>Reply with the link, then close it (GitHub Discussions <c>closeDiscussion</c>; Discourse status <c>closed</c>).</summary>
    Close,

    /// <summary>Reply with the link, then lock it (Discussions <c>lockLockable</c>; Discourse status <c>archived</c>).</summary>
    Lock,

    /// <summary>Reply with the link and leave it open: later forum votes keep being read and counted.</summary>
    Keep,
}

/// <summary>The reason a Discussions idea is closed with (GraphQL <c>DiscussionCloseReason</c>).</summary>
public enum ForumCloseReason
{
    Duplicate,
    Outdated,
}

/// <summary>
/// Per-forum rules: which ideas of a feature forum move and how the forum is left. The Worker binds
/// <c>IssueSync:Products:&lt;key&gt;:Forums:&lt;i&gt;</c> straight into this type. Everything of <see cref="MoveRules"/>
/// applies (label and user maps, retries, redaction through the product), except that an idea needs no label unless
/// <see cref="MoveRules.Labels"/> names some, and the attribution says "Moved from the feature forum".
/// </summary>
public record ForumRules : MoveRules
{
    public const string ForumOrigin = "the feature forum";

    /// <summary>
    /// The reason a forum's closing edit carries (<see cref="IssueEdit.StateReason"/>) when it locks instead of closing.
    /// </summary>
    public const string LockReason = "locked";

    public ForumRules()
    {
        CloseSource = true;
    }

    /// <summary>Only ideas with at least this many forum votes (identified and anonymous together); null: any.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be at least {1} (leave it out for any number of votes)")]
    public int? MinVotes { get; set; }

    /// <summary>GitHub Discussions only: true moves only answered ideas, false only unanswered ones; null: either.</summary>
    public bool? Answered { get; set; }

    /// <summary>How a moved idea is left (default: closed, so voting continues in one place).</summary>
    public ForumClose CloseAs
    {
        get;
        set
        {
            field = value;
            CloseSource = value != ForumClose.Keep;
        }
    } = ForumClose.Close;

    /// <summary>The reason a GitHub Discussions idea is closed with (<c>DUPLICATE</c> by default: it lives on as an issue).</summary>
    public ForumCloseReason CloseReason { get; set; } = ForumCloseReason.Duplicate;

    public override IReadOnlyList<string> LabelsOrDefault => Labels ?? [];

    public override string Origin => ForumOrigin;

    /// <summary>
    /// Closes with <see cref="CloseReason"/> in lower case (<c>duplicate</c>, <c>outdated</c>), or locks
    /// (<see cref="LockReason"/>): the forum's client reads the reason.
    /// </summary>
    public override IssueEdit CloseEdit => new(
        State: IssueState.Closed,
        StateReason: CloseAs == ForumClose.Lock ? LockReason : CloseReason.ToString().ToLowerInvariant());

    protected override string? MoreIneligibility(TrackerIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (MinVotes is { } min && issue.Upvotes < min)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{issue.Upvotes} forum vote(s), fewer than {min}");
        }

        if (Answered is { } answered && issue.Answered != answered)
        {
            return answered ? "not answered" : "answered";
        }

        return null;
    }
}
