using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sync.Core.Storage;
using Sync.Worker.Configuration;
using Sync.Worker.Direction;

namespace Sync.Worker.Tests.Direction;

/// <summary>
/// Just <c>/direction</c>, <c>/direction.json</c> and the Atom feeds on loopback, over a given state store (its vote
/// snapshots too): for step-level tests that need to see what the public endpoints serve from what a step stored,
/// without the whole worker.
/// </summary>
internal sealed class DirectionServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DirectionServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <param name="products">Product key → public project (<c>tracker:group/project</c>).</param>
    /// <param name="time">The clock that places the trend plots' window (the system clock when null).</param>
    public static async Task<DirectionServer> StartAsync(IDocumentStore store, IReadOnlyDictionary<string, string> products, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var options = new IssueSyncOptions();
        foreach (var (key, project) in products)
        {
            options.Products[key] = new ProductOptions { Public = project };
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Services.AddSingleton(new ProductCatalog(Options.Create(options)));
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton((IVoteHistory)store);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        var app = builder.Build();
        app.MapDirection();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DirectionServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public Task<string> PageAsync(CancellationToken cancellationToken) => Client.GetStringAsync("direction", cancellationToken);

    public Task<string> JsonAsync(CancellationToken cancellationToken) => Client.GetStringAsync("direction.json", cancellationToken);

    public Task<string> FeedAsync(string product, CancellationToken cancellationToken) => Client.GetStringAsync($"direction/{product}.atom", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
