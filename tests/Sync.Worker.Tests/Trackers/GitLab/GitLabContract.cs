using System.Text.Json;
using Sync.Core.Trackers;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>A WireMock GitLab at /api/v4 with helpers to stub endpoints and read back the exact request log.</summary>
internal sealed class GitLabContract : IDisposable
{
    public const string Root = "/api/v4";
    public const string Project = Root + "/projects/acme%2Fwidget";

    public TrackerFixture Fixture { get; } = new("lab", TrackerKind.GitLab, Root);

    public ITrackerClient Client => Fixture.Client;

    public void Dispose() => Fixture.Dispose();

    /// <summary>Stubs <paramref name="method"/> on <c>/api/v4/projects/*&lt;suffix&gt;</c> (the project id is a wildcard).</summary>
    public void Stub(string method, string suffix, int status, string body, int priority = 5, string? page = null, string nextPage = "")
    {
        var request = Request.Create().WithPath(new WildcardMatcher(Root + "/projects/*" + suffix, ignoreCase: false)).UsingMethod(method);
        if (page is not null)
        {
            request = request.WithParam("page", page);
        }

        Fixture.Server.Given(request).AtPriority(page is null ? priority : 1)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
                .WithHeader("x-next-page", nextPage).WithBody(body));
    }

    /// <summary>Every request the server received, in order.</summary>
    public IReadOnlyList<LoggedRequest> Requests => [.. Fixture.Server.LogEntries.Select(e => new LoggedRequest(
        e.RequestMessage.Method,
        new Uri(e.RequestMessage.AbsoluteUrl).AbsolutePath,
        e.RequestMessage.Query?.ToDictionary(q => q.Key, q => string.Join(',', q.Value)) ?? [],
        e.RequestMessage.Body,
        e.RequestMessage.Headers?.TryGetValue("Content-Type", out var type) == true ? string.Join(';', type) : null))];

    public IReadOnlyList<string> Lines => [.. Requests.Select(r => $"{r.Method} {r.Path}")];

    /// <summary>IssueSync's own count must match what the server saw.</summary>
    public void AssertCounterMatchesServer() =>
        Assert.Equal(Fixture.RequestCount, Fixture.Counter.Snapshot().TotalFor("lab"));
}

internal sealed record LoggedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string? Body, string? ContentType)
{
    public JsonElement Json => JsonDocument.Parse(Body ?? "null").RootElement.Clone();

    public IReadOnlyList<string> Fields => [.. Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
