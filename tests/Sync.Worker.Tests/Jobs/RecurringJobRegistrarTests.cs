using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sync.Worker.Configuration;
using Sync.Worker.Jobs;

namespace Sync.Worker.Tests.Jobs;

/// <summary>Recurring jobs per product and stage, registered from options against real Hangfire storage.</summary>
public sealed class RecurringJobRegistrarTests
{
    [Fact]
    public async Task Start_RegistersEachEnabledStageWithItsCronAndTimeZone_AndRemovesStaleJobs()
    {
        using var storage = new InMemoryStorage();
        var manager = new RecurringJobManager(storage);
        manager.AddOrUpdate("product:gone:pipeline", () => Console.WriteLine("stale"), Cron.Hourly);
        var options = new IssueSyncOptions();
        options.Products["widget"] = new ProductOptions
        {
            Public = "pub:acme/widget",
            Rice = new RiceOptions { Enabled = true },
            Roadmap = new RoadmapOptions { Enabled = true },
            Schedule = new ScheduleOptions { TimeZone = "Europe/Berlin" }
                .WithCron("Move", "*/5 * * * *").WithCron("Votes", "").WithCron("Rice", "10 * * * *").WithCron("Roadmap", "@daily"),
        };
        options.Products["gadget"] = new ProductOptions { Public = "pub:acme/gadget" }; // defaults; RICE and roadmap off

        var registrar = new RecurringJobRegistrar(manager, storage, Options.Create(options), new ProductCatalog(Options.Create(options)), NullLogger<RecurringJobRegistrar>.Instance);
        await registrar.StartAsync(TestContext.Current.CancellationToken);

        using var connection = storage.GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id, j => (j.Cron, j.TimeZoneId));
        Assert.Equal(
            new Dictionary<string, (string, string)>
            {
                ["product:widget:move"] = ("*/5 * * * *", "Europe/Berlin"),
                ["product:widget:rice"] = ("10 * * * *", "Europe/Berlin"),
                ["product:widget:roadmap"] = ("@daily", "Europe/Berlin"),
                ["product:gadget:move"] = ("*/15 * * * *", "UTC"),
                ["product:gadget:votes"] = ("*/15 * * * *", "UTC"),
            },
            jobs);
        var roadmap = connection.GetRecurringJobs().Single(j => j.Id == "product:widget:roadmap").Job;
        Assert.Equal(nameof(ProductPipelineJob.RunAsync), roadmap.Method.Name);
        Assert.Equal(["widget", "roadmap"], roadmap.Args.Take(2));
    }
}
