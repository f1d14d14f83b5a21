using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers;

public sealed class RequestCounterTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private RequestCounter NewCounter() => new(_services.GetRequiredService<IMeterFactory>());

    [Fact]
    public void Snapshot_GroupsByTrackerAndEndpoint()
    {
        var counter = NewCounter();
        counter.Record("lab", "GET", "issues.list", 200);
        counter.Record("lab", "GET", "issues.list", 500);
        counter.Record("lab", "POST", "notes.create", 201);
        counter.Record("hub", "GET", "user", 200);

        var snapshot = counter.Snapshot();

        Assert.Equal(4, snapshot.Total);
        Assert.Equal(3, snapshot.TotalFor("lab"));
        Assert.Equal(2, snapshot.Trackers["lab"].Count("GET", "issues.list"));
        Assert.Equal(1, snapshot.Trackers["lab"].ByStatus[new RequestKey("lab", "GET", "issues.list", 500)]);
        Assert.Equal(1, snapshot.Trackers["hub"].Count("GET", "user"));
        Assert.Equal(0, snapshot.TotalFor("nope"));
    }

    [Fact]
    public void Snapshot_IsUnaffectedByLaterRecordsAndReset()
    {
        var counter = NewCounter();
        counter.Record("lab", "GET", "user", 200);
        var before = counter.Snapshot();

        counter.Record("lab", "GET", "user", 200);
        counter.Reset();

        Assert.Equal(1, before.TotalFor("lab"));
        Assert.Equal(0, counter.Snapshot().Total);
    }

    [Fact]
    public async Task Record_FromManyThreads_LosesNothing()
    {
        var counter = NewCounter();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(
            () =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    counter.Record("lab", "GET", "issues.get", 200);
                }
            },
            TestContext.Current.CancellationToken)));

        Assert.Equal(8000, counter.Snapshot().Trackers["lab"].Count("GET", "issues.get"));
    }

    [Fact]
    public void Record_PublishesMeterCounterWithTags()
    {
        var counter = NewCounter();
        var seen = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RequestCounter.MeterName && instrument.Name == RequestCounter.InstrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var map = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(map.GetValueOrDefault("tracker"), "meter-test"))
            {
                lock (seen)
                {
                    seen.Add((value, map));
                }
            }
        });
        listener.Start();

        counter.Record("meter-test", "GET", "issues.list", 200);

        var (value, recorded) = Assert.Single(seen);
        Assert.Equal(1, value);
        Assert.Equal("GET", recorded["method"]);
        Assert.Equal("issues.list", recorded["endpoint"]);
        Assert.Equal(200, recorded["status"]);
    }
}
