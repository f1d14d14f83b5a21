namespace Sync.Core.Pipeline;

/// <summary>
/// The schedulable stages of a product and the steps each runs, in pipeline order. A stage repeats the steps its
/// output depends on (RICE reads the votes; the roadmap reads votes and RICE), so a roadmap rebuild always follows a
/// fresh vote and RICE pass of the same product, and the product lease keeps two stages from running at once.
/// </summary>
public static class PipelineStages
{
    public const string All = "all";
    public const string Move = "move";
    public const string Votes = "votes";
    public const string Rice = "rice";
    public const string Roadmap = "roadmap";

    /// <summary>The scheduled stages, in the order they are listed on the dashboard.</summary>
    public static IReadOnlyList<string> Scheduled { get; } = [Move, Votes, Rice, Roadmap];

    /// <summary>The step names a stage runs; null means every step.</summary>
    public static IReadOnlySet<string>? StepsOf(string stage) => stage switch
    {
        All => null,
        Move => new HashSet<string>(StringComparer.Ordinal) { "inventory", "move" },
        Votes => new HashSet<string>(StringComparer.Ordinal) { "votes" },
        Rice => new HashSet<string>(StringComparer.Ordinal) { "votes", "rice" },
        Roadmap => new HashSet<string>(StringComparer.Ordinal) { "votes", "rice", "roadmap" },
        _ => throw new ArgumentException($"Unknown stage '{stage}' (stages: {All}, {string.Join(", ", Scheduled)})", nameof(stage)),
    };
}
