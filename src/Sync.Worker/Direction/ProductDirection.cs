using Sync.Core.Roadmap;
using Sync.Core.Storage;
using Sync.Worker.Configuration;

namespace Sync.Worker.Direction;

/// <summary>One configured product as /direction shows it: its roadmap, or null when none has been built yet.</summary>
/// <param name="PublicProject">The public project, <c>tracker:group/project</c>.</param>
internal sealed record ProductDirection(string Product, string PublicProject, ProductRoadmap? Roadmap)
{
    /// <summary>Every configured product in catalogue order, each with its last built roadmap.</summary>
    public static async Task<IReadOnlyList<ProductDirection>> LoadAllAsync(ProductCatalog catalog, IDocumentStore store, CancellationToken cancellationToken)
    {
        var products = new List<ProductDirection>();
        foreach (var product in catalog.All)
        {
            var roadmap = await ProductRoadmap.LoadAsync(store, product.Key, cancellationToken);
            products.Add(new ProductDirection(product.Key, product.Public.ToString(), roadmap));
        }

        return products;
    }

    /// <summary>
    /// The URL when it is an absolute http(s) URL, otherwise null: the page is public and its links come from
    /// tracker data, so nothing else (javascript:, data:, relative paths) may become a link.
    /// </summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? url
            : null;
}
