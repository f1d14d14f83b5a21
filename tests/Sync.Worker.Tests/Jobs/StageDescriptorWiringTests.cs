using Sync.Core.Pipeline;
using Sync.Worker.Hosting;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Jobs;

/// <summary>The stage descriptors reach the configuration (one cron key each) and the start-up check of the pipeline's steps.</summary>
[Collection(HostCollection.Name)]
public sealed class StageDescriptorWiringTests
{
    private static string[] ValidConfiguration() =>
    [
        "--IssueSync:Trackers:dev:Kind=GitLab",
        "--IssueSync:Trackers:dev:ApiUrl=http://127.0.0.1:9/api/v4",
        "--IssueSync:Trackers:dev:Token=t",
        "--IssueSync:Trackers:pub:Kind=GitHub",
        "--IssueSync:Trackers:pub:ApiUrl=http://127.0.0.1:9/api/v3",
        "--IssueSync:Trackers:pub:Token=t",
        "--IssueSync:Products:widget:Public=pub:acme/widget",
        "--IssueSync:Products:widget:Sources:0:Project=dev:acme/widget",
        $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("state.db")}",
        "--once",
    ];

    public static TheoryData<string> CronKeys => [.. PipelineStages.Scheduled.Select(s => s.CronKey!)];

    [Theory]
    [MemberData(nameof(CronKeys))]
    public async Task EveryScheduledStage_HasACronKeyTheValidatorChecks(string cronKey)
    {
        var (code, _, error) = await InProcessApp.RunAsync([.. ValidConfiguration(), $"--IssueSync:Products:widget:Schedule:{cronKey}=*/15 * * *"]);

        Assert.Equal(2, code);
        Assert.Equal($"error: IssueSync:Products:widget:Schedule:{cronKey}: '*/15 * * *' has 4 field(s); a cron needs 5 (minute hour day month weekday) or 6 (with seconds)", error.Trim());
    }

    [Fact]
    public async Task Start_WhenADeclaredStepHasNoRegisteredImplementation_ExitsWith2AndOneLineNamingTheStep()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);

        // The last registered step (whichever it is) is forgotten.
        var code = await IssueSyncApp.RunAsync(
            ValidConfiguration(),
            output,
            error,
            hooks: new IssueSyncAppHooks { ConfigureServices = services => services.Remove(services.Last(d => d.ServiceType == typeof(IPipelineStep))) },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(IssueSyncApp.ExitConfiguration, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^error: Pipeline: step '[a-z]+' is declared in PipelineStages.StepOrder but no IPipelineStep named '[a-z]+' is registered$", line.TrimEnd('\r'));
    }

    [Fact]
    public async Task Start_WhenAStepIsRegisteredButNotDeclared_ExitsWith2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);

        var code = await IssueSyncApp.RunAsync(
            ValidConfiguration(),
            output,
            error,
            hooks: new IssueSyncAppHooks { ConfigureServices = services => services.AddSingleton<IPipelineStep>(new TriageStep()) },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(IssueSyncApp.ExitConfiguration, code);
        Assert.Equal("error: Pipeline: step 'triage' (TriageStep) is registered but not declared in PipelineStages.StepOrder", error.ToString().Trim());
    }

    private sealed class TriageStep : IPipelineStep
    {
        public string Name => "triage";

        public Task<StepResult> RunAsync(PipelineContext context, CancellationToken cancellationToken) => Task.FromResult(StepResult.Empty);
    }
}
