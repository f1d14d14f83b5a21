using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;

namespace Sync.Worker.Trackers.CsvImport;

/// <summary>What checking a file for a product gave: the plan, or the one-line errors (nothing stored either way).</summary>
internal sealed record CsvImportCheck(CsvImportPlan? Plan, IReadOnlyList<string> Errors);

/// <summary>
/// The one import path the command line (<c>--import-csv</c>) and the dashboard's upload share: check the product and
/// the whole file, plan against the stored ideas, then store in one call.
/// </summary>
internal sealed class CsvImports(ProductCatalog catalog, IDocumentStore documents, TimeProvider time)
{
    /// <summary>The forum project a product's imports move from.</summary>
    public static ProjectRef ProjectOf(string product) => new(CsvImportDialect.TrackerName, CsvImportDialect.ProjectPathOf(product));

    /// <summary>Null when <paramref name="product"/> takes imports, else why not (one line).</summary>
    public string? ProductProblem(string product)
    {
        var known = catalog.All;
        if (known.FirstOrDefault(p => p.Key == product) is not { } definition)
        {
            return $"--product: '{product}' is not a configured product (configured: {string.Join(", ", known.Select(p => p.Key))})";
        }

        var project = ProjectOf(product);
        return definition.Forums.Any(f => f.Project == project)
            ? null
            : $"--product: product '{product}' has no forum {project}, so imported ideas would never move (add IssueSync:Products:{product}:Forums:<i>:Project={project})";
    }

    /// <summary>The products that take imports, for the dashboard's choice.</summary>
    public IReadOnlyList<string> Products => [.. catalog.All.Where(p => ProductProblem(p.Key) is null).Select(p => p.Key)];

    /// <summary>Checks the product and the whole file and plans the import; stores nothing.</summary>
    public async Task<CsvImportCheck> CheckAsync(string product, string fileName, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (ProductProblem(product) is { } problem)
        {
            return new CsvImportCheck(null, [problem]);
        }

        var parsed = CsvIdeaFile.Parse(fileName, data.Span, time.GetUtcNow());
        if (!parsed.Valid)
        {
            return new CsvImportCheck(null, parsed.Errors);
        }

        var plan = await new CsvIdeaBook(documents, time).PlanAsync(product, parsed.Ideas, cancellationToken);
        return new CsvImportCheck(plan, []);
    }

    /// <summary>Stores a checked plan in one transaction; returns the number of ideas written.</summary>
    public Task<int> StoreAsync(CsvImportPlan plan, CancellationToken cancellationToken) =>
        new CsvIdeaBook(documents, time).ImportAsync(plan, cancellationToken);
}
