using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Worker.Configuration;
using Sync.Worker.Dashboard;
using Sync.Worker.Direction;
using Sync.Worker.Health;
using Sync.Worker.Jobs;
using Sync.Worker.Observability;
using Sync.Worker.Running;
using Sync.Worker.Webhooks;

namespace Sync.Worker.Hosting;

/// <summary>The whole process: parse switches, build the host, validate, migrate, then run a mode.</summary>
internal static class IssueSyncApp
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitConfiguration = 2;

    /// <param name="hooks">What another entry point adds (configuration, start-up runs, reports); none for the worker itself.</param>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        IssueSyncAppHooks? hooks = null,
        CancellationToken cancellationToken = default)
    {
        var commandLine = CommandLine.Parse(args, out var usageError);
        if (usageError is not null)
        {
            await error.WriteLineAsync($"error: {usageError} (see --help)");
            return ExitConfiguration;
        }

        if (commandLine.Help)
        {
            await output.WriteLineAsync(CommandLine.Usage);
            return ExitOk;
        }

        if (commandLine.HashPassword)
        {
            return await HashPasswordAsync(Console.In, output, error, cancellationToken);
        }

        hooks ??= new IssueSyncAppHooks();
        await using var app = Build(commandLine, hooks);
        if (!TryValidate(app, out var failures))
        {
            foreach (var failure in failures)
            {
                await error.WriteLineAsync($"error: {failure}");
            }

            return ExitConfiguration;
        }

        hooks.BeforeMigrate?.Invoke(app);
        await app.Services.GetRequiredService<IStateStore>().MigrateAsync(cancellationToken);
        if (commandLine.AuditCount is { } entries)
        {
            await AuditExport.PrintAsync(app.Services, entries, output, cancellationToken);
            return ExitOk;
        }

        if (commandLine.ImportCsvPath is { } csv)
        {
            return await app.Services.GetRequiredService<CsvImportRunner>()
                .RunAsync(csv, commandLine.ImportProduct!, commandLine.DryRun, output, error, cancellationToken);
        }

        if (commandLine.ReleaseNotes is { } notes)
        {
            return await app.Services.GetRequiredService<ReleaseNotesRunner>()
                .RunAsync(notes.Product, notes.Milestone, commandLine.DryRun, output, error, cancellationToken);
        }

        return commandLine.Once
            ? await RunOnceAsync(app, commandLine, hooks, output, error, cancellationToken)
            : await RunServiceAsync(app, hooks, output, cancellationToken);
    }

    private static WebApplication Build(CommandLine commandLine, IssueSyncAppHooks hooks)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. commandLine.ConfigurationArgs] });
        if (hooks.Configuration is { } configuration)
        {
            // The hooks' configuration wins over appsettings, but command-line values still override it.
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Configuration.AddCommandLine([.. commandLine.ConfigurationArgs]);
        }

        if (hooks.DefaultUrls is { } urls && builder.Configuration["urls"] is null)
        {
            builder.WebHost.UseUrls(urls);
        }

        builder.Services.AddIssueSync(builder.Configuration, commandLine);
        hooks.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        if (!commandLine.Once && commandLine.AuditCount is null && commandLine.ImportCsvPath is null)
        {
            MapEndpoints(app);
        }

        return app;
    }

    private static void MapEndpoints(WebApplication app)
    {
        // Liveness runs no check at all: a tracker or database outage must never get the process restarted.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthServiceCollectionExtensions.ReadyTag),
            ResponseWriter = ReadinessResponse.WriteAsync,
        });
        app.MapIssueSyncMetrics();
        app.MapIssueSyncDashboard();
        app.MapDirection();
        app.MapWebhooks();
        app.MapGet("/", () => Results.Redirect("/hangfire"));
    }

    /// <summary>One line in, one hash out: nothing else on stdout, so the output can go straight into a secret.</summary>
    private static async Task<int> HashPasswordAsync(TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var password = await input.ReadLineAsync(cancellationToken);
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("error: --hash-password reads the password as one line from standard input; it got none");
            return ExitConfiguration;
        }

        await output.WriteLineAsync(PasswordHash.Create(password));
        return ExitOk;
    }

    private static bool TryValidate(WebApplication app, out IReadOnlyList<string> failures)
    {
        try
        {
            _ = app.Services.GetRequiredService<IOptions<IssueSyncOptions>>().Value;
            _ = app.Services.GetRequiredService<ProductPipeline>(); // its steps must match PipelineStages.StepOrder
            failures = [];
            return true;
        }
        catch (OptionsValidationException ex)
        {
            failures = [.. ex.Failures];
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // The configuration binder could not convert a value (its message names the key), or the registered
            // pipeline steps do not match the declared ones (the message names the steps).
            failures = [ex.Message.ReplaceLineEndings(" ")];
            return false;
        }
    }

    private static async Task<int> RunOnceAsync(WebApplication app, CommandLine commandLine, IssueSyncAppHooks hooks, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var report = hooks.OnceReport?.Invoke();
        var summary = await app.Services.GetRequiredService<OnceRunner>().RunAsync(commandLine.DryRun, cancellationToken);
        await output.WriteLineAsync(SummaryWriter.ToText(summary));
        foreach (var line in report?.Invoke() ?? [])
        {
            await output.WriteLineAsync(line);
        }

        if (commandLine.SummaryJsonPath is { } path)
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, SummaryWriter.ToJson(summary), cancellationToken);
        }

        foreach (var failure in summary.Products.SelectMany(p => p.FailureLines))
        {
            await error.WriteLineAsync($"error: {failure}");
        }

        return summary.Succeeded ? ExitOk : ExitFailed;
    }

    private static async Task<int> RunServiceAsync(WebApplication app, IssueSyncAppHooks hooks, TextWriter output, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var metrics = MetricsOptions.Read(app.Configuration) is { Enabled: true } m ? $"; metrics: {m.Path}" : string.Empty;
        foreach (var address in addresses)
        {
            await output.WriteLineAsync($"IssueSync dashboard: {address.TrimEnd('/')}/hangfire  (health: /healthz, /readyz{metrics})");
        }

        if (hooks.RunProductsAtStart)
        {
            // Each product once right away (every stage, in order), so finished jobs show without waiting for the cron.
            var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
            foreach (var product in app.Services.GetRequiredService<ProductCatalog>().All)
            {
                jobs.Enqueue<ProductPipelineJob>(job => job.RunAsync(product.Key, PipelineStages.All, CancellationToken.None));
            }
        }

        hooks.Started?.Invoke(app);
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitOk;
    }
}
