using Sync.Core.Lifecycle;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Lifecycle;

public sealed class LifecycleCommentTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly LifecycleRules Rules = new() { VotesNeeded = 20, WindowDays = 60 };

    private static LifecycleEntry Entry(LifecyclePhase phase, int votes = 0, int? closedWith = null) => new()
    {
        Issue = new LifecycleIssue { Number = 7, Title = "<script>alert(1)</script> @everyone" },
        Phase = phase,
        VotingStartedAt = Start,
        VotingEndsAt = Start.AddDays(60),
        Votes = votes,
        ClosedWithVotes = closedWith,
        DecidedAt = Start.AddDays(61),
        ClosedAt = Start.AddDays(60).AddHours(1),
    };

    [Fact]
    public void Render_Voting_StatesTheWindowThresholdHowToVoteAndWhatHappensAfter_OnGitHub()
    {
        var body = LifecycleComment.Render(Entry(LifecyclePhase.Voting), Rules, TrackerKind.GitHub, forums: false);

        Assert.StartsWith("**Voting: this feature request needs 20 vote(s) by 2026-07-31.**\n", body, StringComparison.Ordinal);
        Assert.Contains("open for 60 day(s), until 2026-07-31", body, StringComparison.Ordinal);
        Assert.Contains("add a 👍 reaction to this issue.", body, StringComparison.Ordinal);
        Assert.Contains("closed as not planned", body, StringComparison.Ordinal);
        Assert.Contains("reaching 20 reopens it", body, StringComparison.Ordinal);
        Assert.DoesNotContain("forum", body, StringComparison.Ordinal);
        Assert.EndsWith(LifecycleComment.Marker + "\n", body, StringComparison.Ordinal);
        Assert.True(LifecycleComment.IsOurs(body));
    }

    [Fact]
    public void Render_Voting_OnGitLabWithForums_SaysAwardAndForumVotesCount()
    {
        var body = LifecycleComment.Render(Entry(LifecyclePhase.Voting), Rules, TrackerKind.GitLab, forums: true);

        Assert.Contains("award this issue a 👍; votes on the idea in the feature forum count too.", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Reached_SaysTheCountAndTheDay()
    {
        var body = LifecycleComment.Render(Entry(LifecyclePhase.Backlog, 21), Rules, TrackerKind.GitHub, forums: false);

        Assert.StartsWith("**Reached 21 vote(s), 20 needed, on 2026-08-01: moved to the backlog.**", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Closed_SaysHowManyMoreReopenIt_AndChangesOnlyWithTheCount()
    {
        var atClose = LifecycleComment.Render(Entry(LifecyclePhase.NotPlanned, 7, 7), Rules, TrackerKind.GitHub, forums: false);
        var later = LifecycleComment.Render(Entry(LifecyclePhase.NotPlanned, 9, 7), Rules, TrackerKind.GitHub, forums: false);

        Assert.StartsWith("**Closed as not planned: 7 of 20 vote(s) when voting ended on 2026-07-31.**", atClose, StringComparison.Ordinal);
        Assert.Contains("13 more vote(s) reopen it", atClose, StringComparison.Ordinal);
        Assert.Contains("It has 9 vote(s) now. 11 more vote(s) reopen it", later, StringComparison.Ordinal);
        Assert.Contains("not locked", later, StringComparison.Ordinal);
        Assert.Equal(later, LifecycleComment.Render(Entry(LifecyclePhase.NotPlanned, 9, 7), Rules, TrackerKind.GitHub, forums: false));
    }

    [Fact]
    public void Render_Reopened_SaysHowManyMoreWereNeededBefore()
    {
        var body = LifecycleComment.Render(Entry(LifecyclePhase.Reopened, 20, 7), Rules, TrackerKind.GitLab, forums: false);

        Assert.StartsWith("**Reopened on 2026-08-01: late votes reached 20 of 20; moved to the backlog.**", body, StringComparison.Ordinal);
        Assert.Contains("closed as not planned on 2026-07-31 with 7 vote(s); 13 more were needed", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Stopped_SaysAMaintainerPlannedIt()
    {
        var body = LifecycleComment.Render(Entry(LifecyclePhase.Stopped), Rules, TrackerKind.GitHub, forums: false);

        Assert.StartsWith("**Voting ended on 2026-08-01: a maintainer planned this.**", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LifecyclePhase.Voting)]
    [InlineData(LifecyclePhase.Backlog)]
    [InlineData(LifecyclePhase.NotPlanned)]
    [InlineData(LifecyclePhase.Reopened)]
    [InlineData(LifecyclePhase.Stopped)]
    public void Render_NeverCarriesTheIssuesOwnText(LifecyclePhase phase)
    {
        var body = LifecycleComment.Render(Entry(phase, 3, 3), Rules, TrackerKind.GitHub, forums: true);

        Assert.DoesNotContain("script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@everyone", body, StringComparison.Ordinal);
    }
}
