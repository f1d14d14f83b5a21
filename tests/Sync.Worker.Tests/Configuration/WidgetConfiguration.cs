using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Sync.Core.Products;
using Sync.Worker.Configuration;

namespace Sync.Worker.Tests.Configuration;

/// <summary>
/// The configuration the options tests start from: trackers <c>dev</c> (GitLab) and <c>pub</c>, and product <c>widget</c>
/// moving <c>dev:acme/widget</c> into <c>pub:acme/widget</c>; bound, catalogued and validated the way the worker does it.
/// </summary>
internal static class WidgetConfiguration
{
    /// <param name="publicKind"><c>GitLab</c> or <c>GitHub</c>: the kind of the <c>pub</c> tracker.</param>
    public static IConfiguration Build(string publicKind, params (string Key, string? Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["IssueSync:Trackers:dev:Kind"] = "GitLab",
            ["IssueSync:Trackers:dev:ApiUrl"] = "http://127.0.0.1:9/api/v4",
            ["IssueSync:Trackers:dev:Token"] = "token",
            ["IssueSync:Trackers:pub:Kind"] = publicKind,
            ["IssueSync:Trackers:pub:ApiUrl"] = publicKind == "GitHub" ? "http://127.0.0.1:9/api/v3" : "http://127.0.0.1:9/api/v4",
            ["IssueSync:Trackers:pub:Token"] = "token",
            ["IssueSync:Products:widget:Public"] = "pub:acme/widget",
            ["IssueSync:Products:widget:Sources:0:Project"] = "dev:acme/widget",
            ["IssueSync:Storage:SqlitePath"] = "state.db",
        };
        foreach (var (key, value) in extra)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public static IssueSyncOptions Bind(IConfiguration configuration)
    {
        var options = new IssueSyncOptions();
        configuration.GetSection(IssueSyncOptions.SectionName).Bind(options);
        return options;
    }

    /// <summary>The product <c>widget</c> as the real catalog builds it.</summary>
    public static ProductDefinition Product(IConfiguration configuration) =>
        new ProductCatalog(Options.Create(Bind(configuration))).Get("widget");

    /// <summary>The validator's one-line errors (none when the configuration is valid).</summary>
    public static IReadOnlyList<string> Errors(IConfiguration configuration)
    {
        var result = new IssueSyncOptionsValidator(configuration).Validate(null, Bind(configuration));
        return result.Failed ? [.. result.Failures] : [];
    }
}
