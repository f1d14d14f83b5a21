using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using Sync.Worker.Configuration;
using Sync.Worker.Trackers;

namespace Sync.Worker.Observability;

internal static class ObservabilityServiceCollectionExtensions
{
    /// <summary>
    /// The instruments of the <c>IssueSync</c> meter, and in service mode (unless
    /// <c>IssueSync:Metrics:Enabled</c> is false) an OpenTelemetry meter provider exporting them to Prometheus.
    /// </summary>
    public static IServiceCollection AddIssueSyncMetrics(this IServiceCollection services, IConfiguration configuration, bool serviceMode)
    {
        services.AddMetrics();
        services.TryAddSingleton<PipelineMetrics>();
        if (serviceMode && MetricsOptions.Read(configuration).Enabled)
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(RequestCounter.MeterName)
                .AddPrometheusExporter());
        }

        return services;
    }

    /// <summary>Maps the scrape endpoint (service mode). An invalid path is left unmapped: the options validator reports it at start.</summary>
    public static void MapIssueSyncMetrics(this WebApplication app)
    {
        var options = MetricsOptions.Read(app.Configuration);
        if (options.Enabled && MetricsOptions.IsValidPath(options.Path))
        {
            app.MapPrometheusScrapingEndpoint(options.Path);
        }
    }
}
