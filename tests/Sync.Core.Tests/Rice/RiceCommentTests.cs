using Sync.Core.Rice;

namespace Sync.Core.Tests.Rice;

public sealed class RiceCommentTests
{
    private static readonly RiceRules Rules = new() { ReachLabels = new Dictionary<string, double> { ["customer"] = 5 } };

    private static RiceScore Example() =>
        RiceCalculator.Score(["customer", "impact::2", "confidence::80", "effort::0.5"], weight: null, recentVoters: 10, windowDays: 90, Rules);

    private static RiceScore MissingBoth() =>
        RiceCalculator.Score(["customer"], weight: null, recentVoters: 3, windowDays: 90, Rules);

    [Fact]
    public void Render_StartsWithTheScoreAndEndsWithMarker_AndIsOursFindsIt()
    {
        var body = RiceComment.Render(Example(), RiceBucket.Top, manual: false, Rules);

        Assert.StartsWith("### RICE score: 48 (`rice::top`)\n", body, StringComparison.Ordinal);
        Assert.EndsWith(RiceComment.Marker + "\n", body, StringComparison.Ordinal);
        Assert.True(RiceComment.IsOurs(body));
        Assert.True(RiceComment.IsOurs("edited by a human\n\n" + body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("### RICE score: 48")]
    [InlineData("<!-- issuesync:votes -->")]
    public void IsOurs_WithoutMarker_IsFalse(string body) =>
        Assert.False(RiceComment.IsOurs(body));

    [Fact]
    public void Render_Scored_HasHeadingEveryFactorRowAndTheScoreLine()
    {
        var body = RiceComment.Render(Example(), RiceBucket.Top, manual: false, Rules);

        Assert.Contains("### RICE score: 48 (`rice::top`)", body, StringComparison.Ordinal);
        Assert.Contains("| Factor | Value | From |", body, StringComparison.Ordinal);
        Assert.Contains("| Reach | 15 | 10 voter(s) in the last 90 days × 1 + 5 for label `customer` |", body, StringComparison.Ordinal);
        Assert.Contains("| Impact | 2 | label `impact::2` |", body, StringComparison.Ordinal);
        Assert.Contains("| Confidence | 80 % | label `confidence::80` |", body, StringComparison.Ordinal);
        Assert.Contains("| Effort | 0.5 person-month(s) | label `effort::0.5` |", body, StringComparison.Ordinal);
        Assert.Contains("RICE = Reach × Impact × Confidence ÷ Effort = 15 × 2 × 0.8 ÷ 0.5 = **48**", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Missing", body, StringComparison.Ordinal);
        Assert.Contains("Add `rice::manual` to set the bucket label by hand", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NeedsInput_NamesWhatIsMissingAndTheNeedsInputLabel()
    {
        var body = RiceComment.Render(MissingBoth(), RiceBucket.NeedsInput, manual: false, Rules);

        Assert.Contains("### RICE score: needs input (`rice::needs-input`)", body, StringComparison.Ordinal);
        Assert.Contains("Missing: impact and effort.", body, StringComparison.Ordinal);
        Assert.Contains("`impact::3`, `impact::2`, `impact::1`, `impact::0.5`, `impact::0.25`", body, StringComparison.Ordinal);
        Assert.Contains("`effort::N` person-months or the issue weight", body, StringComparison.Ordinal);
        Assert.Contains("| Impact | — | no impact label |", body, StringComparison.Ordinal);
        Assert.Contains("| Effort | — | no `effort::` label and no weight |", body, StringComparison.Ordinal);
        Assert.DoesNotContain("RICE = ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("**", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NeedsInputOnlyEffort_NamesOnlyEffort()
    {
        var score = RiceCalculator.Score(["impact::1"], weight: null, recentVoters: 3, windowDays: 90, new RiceRules { UseWeight = false });

        var body = RiceComment.Render(score, RiceBucket.NeedsInput, manual: false, new RiceRules { UseWeight = false });

        Assert.Contains("Missing: effort.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("or the issue weight", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Manual_MentionsTheOverrideLabel()
    {
        var body = RiceComment.Render(Example(), RiceBucket.High, manual: true, Rules);

        Assert.Contains("_`rice::manual` is set: the bucket label is left to the PM.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("to set the bucket label by hand", body, StringComparison.Ordinal);
        Assert.Contains("(`rice::high`)", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CustomScopeAndOverride_AreUsed()
    {
        var rules = Rules with { Scope = "prio", OverrideLabel = "prio-fixed" };

        var body = RiceComment.Render(Example(), RiceBucket.Low, manual: true, rules);

        Assert.Contains("(`prio::low`)", body, StringComparison.Ordinal);
        Assert.Contains("`prio-fixed` is set", body, StringComparison.Ordinal);
        Assert.DoesNotContain("rice::", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameInputTwice_IsByteIdentical()
    {
        var first = RiceComment.Render(Example(), RiceBucket.Top, manual: false, Rules);
        var second = RiceComment.Render(Example(), RiceBucket.Top, manual: false, Rules);
        var needsFirst = RiceComment.Render(MissingBoth(), RiceBucket.NeedsInput, manual: true, Rules);
        var needsSecond = RiceComment.Render(MissingBoth(), RiceBucket.NeedsInput, manual: true, Rules);

        Assert.Equal(first, second, StringComparer.Ordinal);
        Assert.Equal(needsFirst, needsSecond, StringComparer.Ordinal);
    }

    [Fact]
    public void Render_UsesInvariantNumbersUnderAnotherCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var body = RiceComment.Render(Example(), RiceBucket.Top, manual: false, Rules);

            Assert.Contains("15 × 2 × 0.8 ÷ 0.5 = **48**", body, StringComparison.Ordinal);
            Assert.Contains("| Effort | 0.5 person-month(s)", body, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Render_WithAReminder_NamesWhatIsStillMissing_AndWithoutOneSaysNothingOfIt()
    {
        var since = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

        var reminded = RiceComment.Render(MissingBoth(), RiceBucket.NeedsInput, manual: false, Rules, new RiceReminder(since, 14));
        var plain = RiceComment.Render(MissingBoth(), RiceBucket.NeedsInput, manual: false, Rules);

        Assert.Contains("**Reminder:** this issue has needed input since 2026-11-01, more than 14 day(s). Still missing: impact and effort.\n", reminded, StringComparison.Ordinal);
        Assert.DoesNotContain("Reminder", plain, StringComparison.Ordinal);
        Assert.Equal(plain, reminded.Replace("**Reminder:** this issue has needed input since 2026-11-01, more than 14 day(s). Still missing: impact and effort.\n\n", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ScoredIssue_NeverCarriesAReminder()
    {
        var body = RiceComment.Render(Example(), RiceBucket.Top, manual: false, Rules, new RiceReminder(DateTimeOffset.UnixEpoch, 14));

        Assert.DoesNotContain("Reminder", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(14, 14 * 24 * 60, false)] // exactly 14 days is not more than 14
    [InlineData(14, 14 * 24 * 60 + 1, true)]
    [InlineData(0, 400 * 24 * 60, false)] // 0 turns reminders off
    [InlineData(1, 2 * 24 * 60, true)]
    public void ReminderDue_OnlyPastTheConfiguredDays(int days, int minutesNeedingInput, bool due)
    {
        var since = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var rules = new RiceRules { NeedsInputReminderDays = days };

        var reminder = RiceReminder.Due(since, since.AddMinutes(minutesNeedingInput), rules);

        Assert.Equal(due, reminder is not null);
        Assert.Null(RiceReminder.Due(null, since.AddDays(400), rules));
    }

    [Theory]
    [InlineData(true, "", "+awaiting-input")]
    [InlineData(true, "awaiting-input", "")]
    [InlineData(false, "Awaiting-Input", "-Awaiting-Input")]
    [InlineData(false, "", "")]
    public void WithReminder_AddsTheLabelWhileDue_AndRemovesItOtherwise(bool due, string has, string change)
    {
        var rules = new RiceRules { NeedsInputReminderLabel = "awaiting-input" };
        string[] labels = has.Length == 0 ? ["bug"] : ["bug", has];

        var planned = RiceLabels.WithReminder(new RiceLabelChange([], []), labels, due, rules);

        Assert.Equal(change, planned.ToString());
        Assert.True(RiceLabels.WithReminder(new RiceLabelChange([], []), labels, due, new RiceRules()).IsEmpty);
    }
}
