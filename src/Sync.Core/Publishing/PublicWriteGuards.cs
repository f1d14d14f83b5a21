using Sync.Core.Products;
using Sync.Core.Trackers;

namespace Sync.Core.Publishing;

/// <summary>Builds the <see cref="PublicTextGuard"/> of every public project from the products that write to it.</summary>
public static class PublicWriteGuards
{
    /// <summary>The registry every step uses: <paramref name="trackers"/> with the guard in front of each public project.</summary>
    public static ITrackerRegistry Wrap(ITrackerRegistry trackers, IEnumerable<ProductDefinition> products)
    {
        ArgumentNullException.ThrowIfNull(trackers);
        var guards = products
            .GroupBy(p => p.Public)
            .ToDictionary(g => g.Key, g => For([.. g], trackers));
        return new GuardedTrackerRegistry(trackers, guards);
    }

    /// <summary>One guard for a public project written by <paramref name="products"/> (usually one).</summary>
    public static PublicTextGuard For(IReadOnlyList<ProductDefinition> products, ITrackerRegistry trackers)
    {
        ArgumentNullException.ThrowIfNull(trackers);
        var redactors = Redactors(products, trackers);
        var users = products.SelectMany(p => p.MoveSources).SelectMany(s => s.Rules.UserMap.Values);
        return new PublicTextGuard(redactors, users);
    }

    /// <summary>
    /// The product's text rules as a plain-text redaction: what IssueSync itself composes from public issues (roadmap
    /// titles, milestone names) is redacted like copied text, so one title that happens to hold a secret or a private
    /// link costs that title, not the whole roadmap (the final guard would refuse the write).
    /// </summary>
    public static Func<string, string> PlainRedaction(ProductDefinition product, ITrackerRegistry trackers)
    {
        var redactors = Redactors([product], trackers);
        return text => redactors.Aggregate(text, (current, redactor) => redactor.Redact(current, new Findings()));
    }

    private static List<TextRedactor> Redactors(IReadOnlyList<ProductDefinition> products, ITrackerRegistry trackers)
    {
        var redactors = new List<TextRedactor>();
        foreach (var product in products)
        {
            var target = trackers.Get(product.Public.Tracker).WebRoot;
            var redaction = product.Redaction;
            var secrets = SecretScans.For(redaction);
            if (!product.MoveSources.Any())
            {
                redactors.Add(new TextRedactor(secrets, PrivateScope.For(null, string.Empty, target, product.Public.Path, redaction.InternalHosts, redaction.PublicPaths, redaction.SourceInstanceInternal, false), uploadPaths: false));
            }

            foreach (var source in product.MoveSources)
            {
                var scope = PrivateScope.For(
                    trackers.Get(source.Project.Tracker).WebRoot,
                    source.Project.Path,
                    target,
                    product.Public.Path,
                    redaction.InternalHosts,
                    redaction.PublicPaths,
                    redaction.SourceInstanceInternal,
                    source.Rules.LinkToSource);
                redactors.Add(new TextRedactor(secrets, scope, uploadPaths: false));
            }
        }

        return redactors;
    }
}
