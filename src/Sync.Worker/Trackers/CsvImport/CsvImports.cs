using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;

namespace Sync.Worker.Trackers.CsvImport;

/// <summary>What checking a file for a product gave: the plan, or the one-line errors (nothing stored either way).</summary>
internal sealed record CsvImportCheck(CsvImportPlan? Plan, IReadOnlyList<string> Errors);

/// <summary>What storing gave: the ideas written and the plan they were written by, or why nothing was stored (one line).</summary>
internal sealed record CsvImportStored(int Stored, CsvImportPlan Plan, string? Busy = null);

/// <summary>
/// The one import path the command line (<c>--import-csv</c>) and the dashboard's upload share: check the product and
/// the whole file, plan against the stored ideas, then store in one call.
/// </summary>
internal sealed class CsvImports(ProductCatalog catalog, IDocumentStore documents, ILeaseStore leases, TimeProvider time)
{
    /// <summary>How long an import waits for a run of its product to end before it gives up (storing nothing).</summary>
    public TimeSpan LeaseWait { get; init; } = TimeSpan.FromSeconds(30);

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

    /// <summary>
    /// Stores a checked plan in one transaction, under the product's run lease: a move of the product (which closes the
    /// ideas and keeps their replies) or another import cannot write the ideas in between, so nothing is lost and no number
    /// is given twice. The plan is made again under the lease, against the ideas as they are then (another import may
    /// have added some since the preview). When a run holds the product for longer than <see cref="LeaseWait"/>, nothing
    /// is stored and <see cref="CsvImportStored.Busy"/> says so.
    /// </summary>
    public async Task<CsvImportStored> StoreAsync(CsvImportPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lease = Core.Pipeline.ProductPipeline.LeaseName(plan.Product);
        var owner = $"csv-import:{Guid.NewGuid():N}";
        var giveUp = time.GetUtcNow() + LeaseWait;
        while (!await leases.TryAcquireLeaseAsync(lease, owner, time.GetUtcNow(), LeaseWait, cancellationToken))
        {
            if (time.GetUtcNow() >= giveUp)
            {
                return new CsvImportStored(0, plan, $"product '{plan.Product}' is being run and stayed busy for {LeaseWait.TotalSeconds:0} s; nothing was stored, import again when the run has ended");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        try
        {
            var book = new CsvIdeaBook(documents, time);
            var current = await book.PlanAsync(plan.Product, [.. plan.Entries.Select(e => e.Idea)], cancellationToken);
            return new CsvImportStored(await book.ImportAsync(current, cancellationToken), current);
        }
        finally
        {
            await leases.ReleaseLeaseAsync(lease, owner, CancellationToken.None);
        }
    }
}
