using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.CsvImport;

/// <summary>
/// CSV imports as a tracker kind: a built-in tracker always registered under <see cref="TrackerName"/>, with no API,
/// token or HTTP. Its ideas live in IssueSync's own document store, put there by <c>--import-csv</c> or the dashboard.
/// </summary>
internal sealed class CsvImportDialect : ITrackerDialect
{
    /// <summary>The reserved tracker name: projects <c>csv:&lt;product&gt;/import</c>, voter identities <c>csv:&lt;voter&gt;</c>.</summary>
    public const string TrackerName = "csv";

    /// <summary>The project path of a product's imported ideas is the product key and this segment.</summary>
    public const string ProjectSuffix = "/import";

    /// <summary>A root nothing resolves (RFC 2606 <c>.invalid</c>): the kind has no API and no web pages of its own.</summary>
    public static readonly Uri Root = new("https://csv.invalid/");

    public TrackerKind Kind => TrackerKind.CsvImport;

    public string ExampleApiUrl => "(none: the csv tracker is built in)";

    public string? ApiUrlProblem(Uri apiUrl) => $"is not used: the {TrackerName} tracker is built in and must not be configured";

    public Uri RequestRoot(Uri apiRoot) => Root;

    public Uri WebRoot(Uri apiRoot) => Root;

    public bool TryParseIssueWebPath(string relativePath, out string projectPath, out long number)
    {
        projectPath = string.Empty;
        number = 0;
        return false;
    }

    public void Authenticate(HttpRequestMessage request, string token, string apiRootPath) =>
        throw new NotSupportedException($"The {TrackerName} tracker makes no requests");

    public TrackerLimitsOptions DefaultLimits() => new();

    public LimitRules Limits { get; } = new(ResetWhenExhausted: false, UnhintedLimitWait.Backoff, NamedBudgets: false, WritePacing.CreatesOnly, SerialWrites: false);

    public IReadOnlyList<Type> Capabilities { get; } = [];

    public ITrackerClient CreateClient(TrackerRegistration registration, TrackerClientServices services)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(services);
        return new CsvImportTrackerClient(registration.Name, services.Documents, services.Time);
    }

    /// <summary>The product of a project path <c>&lt;product&gt;/import</c>, or null for any other path.</summary>
    public static string? ProductOf(string projectPath) =>
        projectPath.EndsWith(ProjectSuffix, StringComparison.Ordinal) && projectPath.Length > ProjectSuffix.Length
            && !projectPath[..^ProjectSuffix.Length].Contains('/', StringComparison.Ordinal)
            ? projectPath[..^ProjectSuffix.Length]
            : null;

    public static string ProjectPathOf(string product) => product + ProjectSuffix;
}
