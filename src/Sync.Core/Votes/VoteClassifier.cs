namespace Sync.Core.Votes;

public enum VoteKind
{
    None,
    Up,
    Down,
    Extra,
}

/// <summary>What one emoji means; <see cref="Weight"/> is only non-zero for <see cref="VoteKind.Extra"/>.</summary>
public sealed record VoteClass(VoteKind Kind, double Weight = 0)
{
    public static readonly VoteClass None = new(VoteKind.None);
    public static readonly VoteClass Up = new(VoteKind.Up);
    public static readonly VoteClass Down = new(VoteKind.Down);
}

/// <summary>Maps GitLab award emoji names and GitHub reaction contents to votes.</summary>
public static class VoteClassifier
{
    // GitLab names skin-toned thumbs separately; a toned thumb is the same vote.
    private static readonly HashSet<string> UpNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "thumbsup", "thumbsup_tone1", "thumbsup_tone2", "thumbsup_tone3", "thumbsup_tone4", "thumbsup_tone5", "+1",
    };

    private static readonly HashSet<string> DownNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "thumbsdown", "thumbsdown_tone1", "thumbsdown_tone2", "thumbsdown_tone3", "thumbsdown_tone4", "thumbsdown_tone5", "-1",
    };

    public static VoteClass Classify(string emojiName, VoteRules rules)
    {
        var kind = Kind(emojiName, rules, out var weight);
        return kind switch
        {
            VoteKind.Up => VoteClass.Up,
            VoteKind.Down => VoteClass.Down,
            VoteKind.Extra => new VoteClass(VoteKind.Extra, weight),
            _ => VoteClass.None,
        };
    }

    /// <summary>What <see cref="Classify"/> says, without allocating: the kind, and the weight of an extra emoji.</summary>
    internal static VoteKind Kind(string emojiName, VoteRules rules, out double weight)
    {
        ArgumentNullException.ThrowIfNull(emojiName);
        ArgumentNullException.ThrowIfNull(rules);

        weight = 0;
        if (UpNames.Contains(emojiName))
        {
            return VoteKind.Up;
        }

        if (DownNames.Contains(emojiName))
        {
            return VoteKind.Down;
        }

        foreach (var (name, extra) in rules.ExtraEmoji)
        {
            if (string.Equals(name, emojiName, StringComparison.OrdinalIgnoreCase))
            {
                weight = extra;
                return VoteKind.Extra;
            }
        }

        return VoteKind.None;
    }
}
