using Microsoft.Extensions.Options;
using Sync.Core.Moving;
using Sync.Core.Products;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Core.Votes;

namespace Sync.Worker.Configuration;

/// <summary>The validated products, built once from options.</summary>
internal sealed class ProductCatalog(IOptions<IssueSyncOptions> options)
{
    private readonly Lazy<IReadOnlyDictionary<string, ProductDefinition>> _products = new(() => Build(options.Value));

    public IReadOnlyCollection<ProductDefinition> All => [.. _products.Value.Values.OrderBy(p => p.Key, StringComparer.Ordinal)];

    public ProductDefinition Get(string key) =>
        _products.Value.TryGetValue(key, out var product)
            ? product
            : throw new KeyNotFoundException($"Product '{key}' is not configured (configured: {string.Join(", ", _products.Value.Keys)})");

    private static Dictionary<string, ProductDefinition> Build(IssueSyncOptions options) =>
        options.Products.ToDictionary(
            p => p.Key,
            p => new ProductDefinition(
                p.Key,
                ProjectRef.Parse(p.Value.Public!),
                [.. p.Value.Sources.Select(s => new SourceRule(ProjectRef.Parse(s.Project!)) { Rules = ToRules(s) })])
            {
                Redaction = new RedactionRules([.. p.Value.Redaction.Patterns], [.. p.Value.Redaction.InternalHosts], p.Value.Redaction.UseDefaults)
                {
                    PublicPaths = [.. p.Value.Redaction.PublicPaths.Select(path => path.Trim().Trim('/'))],
                    SourceInstanceInternal = p.Value.Redaction.SourceInstanceInternal,
                },
                Votes = new VoteRules
                {
                    ExtraEmoji = new Dictionary<string, double>(p.Value.Votes.ExtraEmoji, StringComparer.OrdinalIgnoreCase),
                    ExcludeAuthor = p.Value.Votes.ExcludeAuthor,
                    Bots = [.. p.Value.Votes.Bots],
                    CountCommentVotes = p.Value.Votes.CountCommentVotes,
                    WindowDays = p.Value.Votes.WindowDays,
                    FullRecountEvery = p.Value.Votes.FullRecountEvery,
                    IdentityMap = p.Value.Votes.IdentityMap
                        .GroupBy(l => l.From.Trim(), StringComparer.OrdinalIgnoreCase)
                        .ToDictionary(g => g.Key, g => g.Last().To.Trim(), StringComparer.OrdinalIgnoreCase),
                },
                Rice = p.Value.Rice.Enabled ? ToRice(p.Value.Rice) : null,
                Roadmap = p.Value.Roadmap.Enabled ? ToRoadmap(p.Value.Roadmap, ProjectRef.Parse(p.Value.Public!)) : null,
            },
            StringComparer.OrdinalIgnoreCase);

    private static RoadmapRules ToRoadmap(RoadmapOptions roadmap, ProjectRef publicProject) => new()
    {
        Title = roadmap.Title.Trim(),
        NowSize = roadmap.NowSize,
        NextSize = roadmap.NextSize,
        LaterSize = roadmap.LaterSize,
        ShippedDays = roadmap.ShippedDays,
        LabelScope = roadmap.LabelScope.Trim(),
        BoardName = roadmap.BoardName.Trim(),
        GitHubProject = roadmap.GitHubProject is { } project
            ? new ProjectBoardTarget(project.Owner.Trim(), project.Number, project.Field.Trim(), publicProject.Path)
            : null,
    };

    private static RiceRules ToRice(RiceOptions rice)
    {
        var defaults = new RiceRules();
        return new RiceRules
        {
            Scope = rice.Scope.Trim(),
            OverrideLabel = rice.OverrideLabel.Trim(),
            Comment = rice.Comment,
            ReachPerVoter = rice.ReachPerVoter,
            ReachLabels = new Dictionary<string, double>(rice.ReachLabels, StringComparer.OrdinalIgnoreCase),
            ImpactScope = rice.ImpactScope.Trim(),
            ImpactScale = rice.ImpactScale is { } impact ? new Dictionary<string, double>(impact, StringComparer.OrdinalIgnoreCase) : defaults.ImpactScale,
            ConfidenceScope = rice.ConfidenceScope.Trim(),
            ConfidenceScale = rice.ConfidenceScale is { } confidence ? new Dictionary<string, double>(confidence, StringComparer.OrdinalIgnoreCase) : defaults.ConfidenceScale,
            DefaultConfidence = rice.DefaultConfidence,
            EffortScope = rice.EffortScope.Trim(),
            UseWeight = rice.UseWeight,
            MonthsPerWeight = rice.MonthsPerWeight,
            Mode = Enum.Parse<RiceBucketMode>(rice.Mode, ignoreCase: true),
            Thresholds = new RiceCutoffs(rice.Thresholds.Top, rice.Thresholds.High, rice.Thresholds.Medium),
            Percentiles = new RiceCutoffs(rice.Percentiles.Top, rice.Percentiles.High, rice.Percentiles.Medium),
        };
    }

    private static MoveRules ToRules(SourceOptions source) => new()
    {
        Labels = source.Labels is { Count: > 0 } labels ? [.. labels] : ["public"],
        ExcludeLabels = [.. source.ExcludeLabels],
        IncludeConfidential = source.IncludeConfidential,
        MaxAgeDays = source.MaxAgeDays,
        UpdatedWithinDays = source.UpdatedWithinDays,
        CloseSource = source.CloseSource,
        MovedLabel = source.MovedLabel,
        LinkToSource = source.LinkToSource,
        SourceName = source.SourceName,
        LabelMap = new Dictionary<string, string>(source.LabelMap, StringComparer.OrdinalIgnoreCase),
        DropLabels = [.. source.DropLabels],
        CreateMilestones = source.CreateMilestones,
        UserMap = new Dictionary<string, string>(source.UserMap, StringComparer.OrdinalIgnoreCase),
        MaxAttempts = source.MaxAttempts,
        RetryAfter = source.RetryAfter,
    };
}
