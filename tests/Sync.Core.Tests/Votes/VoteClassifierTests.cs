using Sync.Core.Votes;

namespace Sync.Core.Tests.Votes;

public sealed class VoteClassifierTests
{
    private static readonly VoteRules Rules = new()
    {
        ExtraEmoji = new Dictionary<string, double> { ["heart"] = 1, ["rocket"] = 0.5 },
    };

    [Theory]
    [InlineData("thumbsup")]
    [InlineData("thumbsup_tone1")]
    [InlineData("thumbsup_tone2")]
    [InlineData("thumbsup_tone3")]
    [InlineData("thumbsup_tone4")]
    [InlineData("thumbsup_tone5")]
    [InlineData("+1")]
    public void Classify_ThumbsUpInAnySkinToneOrGitHubPlusOne_IsUp(string name)
    {
        Assert.Equal(VoteKind.Up, VoteClassifier.Classify(name, Rules).Kind);
    }

    [Theory]
    [InlineData("thumbsdown")]
    [InlineData("thumbsdown_tone1")]
    [InlineData("thumbsdown_tone5")]
    [InlineData("-1")]
    public void Classify_ThumbsDownInAnySkinToneOrGitHubMinusOne_IsDown(string name)
    {
        Assert.Equal(VoteKind.Down, VoteClassifier.Classify(name, Rules).Kind);
    }

    [Fact]
    public void Classify_ConfiguredExtraEmoji_IsExtraWithItsWeight()
    {
        Assert.Equal(new VoteClass(VoteKind.Extra, 0.5), VoteClassifier.Classify("rocket", Rules));
        Assert.Equal(new VoteClass(VoteKind.Extra, 1), VoteClassifier.Classify("heart", Rules));
    }

    [Theory]
    [InlineData("laugh")]
    [InlineData("thumbsup_tone6")]
    [InlineData("heart")]
    public void Classify_UnconfiguredEmoji_IsNone(string name)
    {
        Assert.Equal(VoteKind.None, VoteClassifier.Classify(name, new VoteRules()).Kind);
    }

    [Fact]
    public void Classify_ThumbsUpListedAsExtra_StaysUp()
    {
        var rules = new VoteRules { ExtraEmoji = new Dictionary<string, double> { ["thumbsup"] = 5 } };

        Assert.Equal(VoteClass.Up, VoteClassifier.Classify("thumbsup", rules));
    }
}
