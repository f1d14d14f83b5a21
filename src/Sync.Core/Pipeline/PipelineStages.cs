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

    /// <summary>Every stage, <see cref="All"/> first.</summary>
    public static IReadOnlyList<string> Known { get; } = [All, .. Scheduled];

    /// <summary>
    /// True when a run of <paramref name="runStage"/> runs every step a run of <paramref name="stage"/> would, so it may
    /// take that stage's pending triggers (a full run covers every stage; RICE covers votes).
    /// </summary>
    public static bool Covers(string runStage, string stage)
    {
        var run = StepsOf(runStage);
        var steps = StepsOf(stage);
        return run is null || (steps is not null && steps.IsSubsetOf(run));
    }

    /// <summary>The stages whose pending triggers a run of <paramref name="runStage"/> takes.</summary>
    public static IReadOnlyList<string> CoveredBy(string runStage) => [.. Known.Where(s => Covers(runStage, s))];

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
