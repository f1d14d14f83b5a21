using Sync.Core.Trackers;

namespace Sync.Worker.Trackers;

/// <summary>
/// Everything about one tracker kind that the shared request mechanism (auth, limits, pacing, paging, registry) needs
/// to know. One implementation per kind lives in that kind's folder (<c>Trackers/GitLab</c>, <c>Trackers/GitHub</c>);
/// <see cref="TrackerDialects.All"/> is the one list of them. Nothing outside a dialect branches on <see cref="TrackerKind"/>.
/// </summary>
internal interface ITrackerDialect
{
    TrackerKind Kind { get; }

    /// <summary>An example API URL for configuration errors, e.g. <c>https://gitlab.com/api/v4</c>.</summary>
    string ExampleApiUrl { get; }

    /// <summary>Null when <paramref name="apiUrl"/> (absolute http(s)) can be this kind's API root, else the one-line reason.</summary>
    string? ApiUrlProblem(Uri apiUrl);

    /// <summary>Where requests really go, with a trailing slash (GitHub: Octokit's base address; GitLab: the root as given).</summary>
    Uri RequestRoot(Uri apiRoot);

    /// <summary>The instance's web root ending in '/': a project's web page is this plus its path.</summary>
    Uri WebRoot(Uri apiRoot);

    /// <summary>
    /// Reads an issue's web page path relative to <see cref="WebRoot"/> (unescaped, no leading or trailing '/'):
    /// the project path and issue number, or false when the path is not an issue page of this kind.
    /// </summary>
    bool TryParseIssueWebPath(string relativePath, out string projectPath, out long number);

    /// <summary>Puts the token on a request bound for the API's own origin (the caller strips it everywhere else).</summary>
    void Authenticate(HttpRequestMessage request, string token, string apiRootPath);

    /// <summary>
    /// As <see cref="Authenticate(HttpRequestMessage, string, string)"/>, for a kind whose credentials are a key plus the
    /// account it acts as (Discourse <c>Api-Key</c> and <c>Api-Username</c>); other kinds ignore <paramref name="username"/>.
    /// </summary>
    void Authenticate(HttpRequestMessage request, string token, string? username, string apiRootPath) => Authenticate(request, token, apiRootPath);

    /// <summary>The kind needs <c>IssueSync:Trackers:&lt;name&gt;:Username</c> beside the token (Discourse's <c>Api-Username</c>).</summary>
    bool NeedsUsername => false;

    /// <summary>Request headers that carry credentials of this kind, removed from any request bound elsewhere.</summary>
    IReadOnlyList<string> CredentialHeaders => [];

    /// <summary>The documented ceilings of the kind: what <c>IssueSync:Trackers:&lt;name&gt;:Limits</c> starts from.</summary>
    TrackerLimitsOptions DefaultLimits();

    /// <summary>How the kind's limit answers are read and how its writes are paced (the limit table).</summary>
    LimitRules Limits { get; }

    /// <summary>The optional capability ports (<see cref="IUploads"/>, <see cref="IBoards"/>, ...) the kind's client implements.</summary>
    IReadOnlyList<Type> Capabilities { get; }

    /// <summary>Builds the kind's client for one configured tracker.</summary>
    ITrackerClient CreateClient(TrackerRegistration registration, TrackerClientServices services);
}

/// <summary>How a kind's limit responses are interpreted and its writes paced.</summary>
/// <param name="ResetWhenExhausted">
/// A limit answer carrying a reset time is waited out even when it is not the primary limit, as long as the remaining
/// budget is unknown or zero (GitLab's 429 with <c>RateLimit-Reset</c>).
/// </param>
/// <param name="BareWait">What a limit answer that says nothing about when to retry waits for.</param>
/// <param name="NamedBudgets">The tracker keeps separate budgets per resource (GitHub <c>core</c>, <c>search</c>, <c>graphql</c>); else one.</param>
/// <param name="Writes">Which writes count against the write ceilings.</param>
/// <param name="SerialWrites">Writes may be sent one at a time, <see cref="TrackerLimitsOptions.MinWriteSpacing"/> apart, when the options ask for it.</param>
internal sealed record LimitRules(bool ResetWhenExhausted, UnhintedLimitWait BareWait, bool NamedBudgets, WritePacing Writes, bool SerialWrites);

/// <summary>What a limit answer without a retry time waits for.</summary>
internal enum UnhintedLimitWait
{
    /// <summary>The end of the current throttle window (<see cref="TrackerLimitsOptions.LimitWindow"/>), whole windows on repeats.</summary>
    WindowEnd,

    /// <summary><see cref="TrackerLimitsOptions.LimitBackoff"/>, doubling on repeats.</summary>
    Backoff,
}

/// <summary>Which requests count against a kind's write ceilings.</summary>
internal enum WritePacing
{
    /// <summary>Every content-creating request (GitHub's secondary limits).</summary>
    AllWrites,

    /// <summary>Only issue and note creation, each against its own ceiling (GitLab).</summary>
    CreatesOnly,
}

/// <summary>The shared services a dialect's client factory may use.</summary>
internal sealed record TrackerClientServices(
    IHttpClientFactory HttpClientFactory,
    IHttpMessageHandlerFactory HandlerFactory,
    Microsoft.Extensions.Logging.ILoggerFactory LoggerFactory,
    TimeProvider Time,
    Core.Storage.ICursorStore? CursorStore,
    Core.Storage.IDocumentStore? Documents = null,
    IReadOnlyList<TrackerRegistration>? Registrations = null);
