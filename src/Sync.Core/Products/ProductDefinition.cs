using Sync.Core.Moving;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Core.Products;

/// <summary>A validated product: the public project and the private sources that feed it.</summary>
public sealed record ProductDefinition(string Key, ProjectRef Public, IReadOnlyList<SourceRule> Sources)
{
    /// <summary>What is removed from everything written to the public project.</summary>
    public RedactionRules Redaction { get; init; } = RedactionRules.Default;

    /// <summary>How emoji votes on the public issues count as demand.</summary>
    public VoteRules Votes { get; init; } = new();

    /// <summary>RICE scoring and its labels and comment; null when the product does not use RICE.</summary>
    public RiceRules? Rice { get; init; }

    /// <summary>The public roadmap issue, board labels and boards; null when the product has no roadmap.</summary>
    public RoadmapRules? Roadmap { get; init; }

    /// <summary>The voting lifecycle of new feature requests; null when the product does not use it.</summary>
    public Lifecycle.LifecycleRules? Lifecycle { get; init; }

    /// <summary>Release notes drafted per milestone; null when the product does not use them.</summary>
    public Releases.ReleaseNotesRules? ReleaseNotes { get; init; }

    /// <summary>
    /// Feature forums whose ideas move into the public project like source issues (their rules are
    /// <see cref="Forums.ForumRules"/>): GitHub Discussions, Discourse, and the product's CSV imports.
    /// </summary>
    public IReadOnlyList<SourceRule> Forums { get; init; } = [];

    /// <summary>Everything that moves into the public project: the private sources, then the forums.</summary>
    public IEnumerable<SourceRule> MoveSources => Sources.Concat(Forums);

    /// <summary>Every project the product reads: the public one first, then the sources in configured order.</summary>
    public IEnumerable<ProjectRef> Projects => Sources.Select(s => s.Project).Prepend(Public);
}

/// <summary>One private source project and the rules that decide what moves from it.</summary>
public sealed record SourceRule(ProjectRef Project)
{
    public MoveRules Rules { get; init; } = new();
}
