using System.Text;
using Sync.Core.Pipeline;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Configuration;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Trackers.CsvImport;

namespace Sync.Worker.Tests.Trackers.CsvImport;

/// <summary>An import stores under the product's run lease: never while a run writes the ideas, never a number twice.</summary>
public sealed class CsvImportLeaseTests
{
    private const string Product = "widget";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(CsvImports Imports, SqliteStateStore Store)> StartAsync()
    {
        var store = new SqliteStateStore(InProcessApp.TempPath("csv-lease.db"));
        await store.MigrateAsync(Ct);
        var configuration = WidgetConfiguration.Build("GitHub", ("IssueSync:Products:widget:Forums:0:Project", "csv:widget/import"));
        var catalog = new Sync.Worker.Configuration.ProductCatalog(Microsoft.Extensions.Options.Options.Create(WidgetConfiguration.Bind(configuration)));
        return (new CsvImports(catalog, store, store, TimeProvider.System) { LeaseWait = TimeSpan.FromMilliseconds(600) }, store);
    }

    private static async Task<CsvImportPlan> CheckAsync(CsvImports imports, string csv)
    {
        var check = await imports.CheckAsync(Product, "ideas.csv", Encoding.UTF8.GetBytes(csv), Ct);
        Assert.Empty(check.Errors);
        return check.Plan!;
    }

    [Fact]
    public async Task Store_WhileARunHoldsTheProduct_StoresNothingAndSaysSo_ThenStoresOnceItEnds()
    {
        var (imports, store) = await StartAsync();
        var plan = await CheckAsync(imports, "title,votes\nDark mode,3\n");
        var lease = ProductPipeline.LeaseName(Product);
        Assert.True(await store.TryAcquireLeaseAsync(lease, "a-run", TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(2), Ct));

        var busy = await imports.StoreAsync(plan, Ct);

        Assert.Equal("product 'widget' is being run and stayed busy for 1 s; nothing was stored, import again when the run has ended", busy.Busy);
        Assert.Empty(await store.ListDocumentsAsync(Product, "csv-idea", Ct));

        await store.ReleaseLeaseAsync(lease, "a-run", Ct);
        var stored = await imports.StoreAsync(plan, Ct);
        Assert.Null(stored.Busy);
        Assert.Equal(1, stored.Stored);
        Assert.Single(await store.ListDocumentsAsync(Product, "csv-idea", Ct));
        Assert.Null(await store.GetLeaseAsync(lease, Ct)); // released
    }

    [Fact]
    public async Task TwoImportsPreviewedAgainstTheSameStore_NeverGiveANumberTwice()
    {
        var (imports, store) = await StartAsync();
        var first = await CheckAsync(imports, "title\nDark mode\nOffline\n");
        var second = await CheckAsync(imports, "title\nSSO\nWebhooks\n");
        Assert.Equal(first.Entries.Select(e => e.Number), second.Entries.Select(e => e.Number)); // both previews say 1, 2

        var results = await Task.WhenAll(imports.StoreAsync(first, Ct), imports.StoreAsync(second, Ct));

        Assert.All(results, r => Assert.Null(r.Busy));
        var numbers = results.SelectMany(r => r.Plan.Entries.Select(e => e.Number)).Order().ToList();
        Assert.Equal([1L, 2L, 3L, 4L], numbers);
        Assert.Equal(4, (await store.ListDocumentsAsync(Product, "csv-idea", Ct)).Count);
    }
}
