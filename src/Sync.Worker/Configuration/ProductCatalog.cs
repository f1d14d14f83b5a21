using Microsoft.Extensions.Options;
using Sync.Core.Moving;
using Sync.Core.Products;
using Sync.Core.Trackers;

namespace Sync.Worker.Configuration;

/// <summary>
/// The validated products, built once from options. The move, redaction, vote, RICE and roadmap rules are the bound options
/// themselves (each options type is or derives from its Core rules type), so nothing is copied here.
/// </summary>
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
                [.. p.Value.Sources.Select(s => new SourceRule(ProjectRef.Parse(s.Project!)) { Rules = s })])
            {
                Forums = [.. p.Value.Forums.Select(f => new SourceRule(ProjectRef.Parse(f.Project!)) { Rules = f })],
                Redaction = p.Value.Redaction,
                Votes = p.Value.Votes,
                Rice = p.Value.Rice.Enabled ? p.Value.Rice : null,
                Roadmap = p.Value.Roadmap.Enabled ? p.Value.Roadmap : null,
                Lifecycle = p.Value.Lifecycle.Enabled ? p.Value.Lifecycle : null,
                ReleaseNotes = p.Value.ReleaseNotes.Enabled ? p.Value.ReleaseNotes : null,
            },
            StringComparer.OrdinalIgnoreCase);
}
