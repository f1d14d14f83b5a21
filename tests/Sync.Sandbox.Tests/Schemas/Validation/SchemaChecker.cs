using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace Sync.Sandbox.Tests.Schemas.Validation;

/// <summary>
/// Sits in front of the sandbox on a client's handler chain (or on many chains at once, as in an
/// IHttpClientFactory pipeline) and hands every answer to one <see cref="SchemaChecker"/>.
/// </summary>
public sealed class SchemaValidatingHandler(SchemaChecker checker) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        checker.Check(request.Method.Method, request.RequestUri!, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        return response;
    }
}

/// <summary>
/// Maps each answer to its route (method + route template), validates its JSON body against the route's published
/// schema and keeps one line per failure:
/// "gitlab GET /projects/:id/issues → 200 (gitlab:issues.json): /0/author required: Required properties ["web_url"] are not present [...]".
/// </summary>
public sealed class SchemaChecker(SchemaCatalog catalog)
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentDictionary<string, int> _validated = new();
    private readonly ConcurrentDictionary<string, int> _unchecked = new();

    /// <summary>One line per schema violation, route unmatched or unexpected body, in the order seen.</summary>
    public IReadOnlyList<string> Failures => [.. _failures];

    /// <summary>"GET /projects/:id/issues → 200" → how many answers were validated against a schema.</summary>
    public IReadOnlyDictionary<string, int> Validated => _validated;

    /// <summary>Answers of routes or statuses that have no published schema, by the same key.</summary>
    public IReadOnlyDictionary<string, int> Unchecked => _unchecked;

    /// <summary>Fails the test with every failure, one per line.</summary>
    public void AssertNoFailures()
    {
        var failures = Failures;
        Assert.True(failures.Count == 0, $"{failures.Count} sandbox answer(s) broke the published schemas:\n" + string.Join('\n', failures));
        Assert.NotEmpty(_validated);
    }

    /// <summary>Validates one answer; public so a test can feed it a recorded exchange.</summary>
    public void Check(string method, Uri uri, int status, string? mediaType, byte[] body)
    {
        if (!TryRoute(uri, out var tracker, out var relative))
        {
            // Not an API route (e.g. GitLab's web upload route): nothing published to check against.
            return;
        }

        var route = SchemaRoutes.Match(tracker, method, relative);
        if (route is null)
        {
            var key = $"{tracker} {method} {relative} → {status}";
            if (status == 404)
            {
                // The sandbox's fallback for an unknown path. GitHub documents its 404 body as basic-error (checked
                // through an operation that documents 404); GitLab publishes no error schema.
                var fallback = tracker == SchemaRoutes.GitHub
                    ? SchemaRef.GitHub("get", "/repos/{owner}/{repo}/issues/{issue_number}")
                    : SchemaRef.None("GitLab publishes no error schema");
                Validate($"{tracker} {method} (unknown path) → 404", fallback, status, mediaType, body);
                return;
            }

            _failures.Enqueue($"{key}: no route in SchemaRoutes matches this request");
            return;
        }

        Validate($"{tracker} {route.Endpoint} → {status}", route.Schema, status, mediaType, body);
    }

    private void Validate(string key, SchemaRef schemaRef, int status, string? mediaType, byte[] body)
    {
        var schema = catalog.For(schemaRef, status, out var bodyless);
        if (schema is null)
        {
            if (bodyless && body.Length > 0)
            {
                _failures.Enqueue($"{key}: the schema documents no body for {status}, the sandbox sent {body.Length} bytes");
                return;
            }

            _unchecked.AddOrUpdate(key, 1, (_, n) => n + 1);
            return;
        }

        if (mediaType != "application/json")
        {
            _failures.Enqueue($"{key} ({catalog.Describe(schemaRef, status)}): expected an application/json body, got {mediaType ?? "none"}");
            return;
        }

        using var document = JsonDocument.Parse(body);
        var results = schema.Evaluate(document.RootElement, Evaluation);
        _validated.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (results.IsValid)
        {
            return;
        }

        foreach (var (location, rule, message, at) in Violations(results))
        {
            _failures.Enqueue($"{key} ({catalog.Describe(schemaRef, status)}): {location} {rule}: {message} [{at}]");
        }
    }

    // Walks only failing nodes: a passing anyOf keeps its failed branches in the output, and they are not violations.
    private static IEnumerable<(string Location, string Rule, string Message, string At)> Violations(EvaluationResults node)
    {
        if (node.IsValid)
        {
            yield break;
        }

        foreach (var (rule, message) in node.Errors ?? new Dictionary<string, string>())
        {
            yield return (node.InstanceLocation.ToString(), rule, message, node.SchemaLocation.ToString());
        }

        foreach (var violation in (node.Details ?? []).SelectMany(Violations))
        {
            yield return violation;
        }
    }

    /// <summary>"/gitlab/api/v4/projects/1/issues" → ("gitlab", "/projects/1/issues"); GitHub under "/github/api/v3" or "/api/v3".</summary>
    private static bool TryRoute(Uri uri, out string tracker, out string relative)
    {
        var path = uri.AbsolutePath;
        foreach (var (root, kind) in new[] { ("/api/v4/", SchemaRoutes.GitLab), ("/api/v3/", SchemaRoutes.GitHub), ("/api/graphql", SchemaRoutes.GitLab) })
        {
            var at = path.IndexOf(root, StringComparison.Ordinal);
            if (at >= 0)
            {
                tracker = kind;
                relative = root == "/api/graphql" ? "/graphql" : "/" + path[(at + root.Length)..];
                return true;
            }
        }

        (tracker, relative) = ("", "");
        return false;
    }
}
