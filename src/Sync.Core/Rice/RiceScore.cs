namespace Sync.Core.Rice;

/// <summary>Buckets in order from best to the one that asks for input.</summary>
public enum RiceBucket
{
    Top,
    High,
    Medium,
    Low,
    NeedsInput,
}

/// <summary>One factor: its value (null when missing) and, in words, where it came from or why it is missing.</summary>
public sealed record RiceFactor(double? Value, string Source);

/// <summary>
/// The RICE of one issue. <see cref="Score"/> is null when impact or effort is missing: such an issue is scored as
/// needing input rather than guessed.
/// </summary>
public sealed record RiceScore(RiceFactor Reach, RiceFactor Impact, RiceFactor Confidence, RiceFactor Effort)
{
    /// <summary>Reach × Impact × Confidence ÷ Effort, confidence as a fraction.</summary>
    public double? Score =>
        Reach.Value is { } r && Impact.Value is { } i && Confidence.Value is { } c && Effort.Value is { } e && e > 0
            ? r * i * (c / 100) / e
            : null;

    public bool NeedsInput => Score is null;

    /// <summary>Names of the missing factors, in RICE order.</summary>
    public IReadOnlyList<string> Missing =>
        [.. new[] { ("reach", Reach), ("impact", Impact), ("confidence", Confidence), ("effort", Effort) }
            .Where(f => f.Item2.Value is null)
            .Select(f => f.Item1)];
}
