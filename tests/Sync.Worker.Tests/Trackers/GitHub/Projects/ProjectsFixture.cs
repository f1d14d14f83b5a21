using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Sync.Worker.Tests.Trackers.GitHub.Projects;

/// <summary>
/// A GitHub Enterprise-style tracker (<c>/github/api/v3</c>, so GraphQL at <c>/github/api/graphql</c>) against WireMock,
/// wired by the production extension methods; the board adapter comes from the container. Write pacing keeps its
/// windows but not its 1 s gap, which these tests do not measure.
/// </summary>
internal sealed class ProjectsFixture : IDisposable
{
    public const string TrackerName = "hub";
    public const string Token = "ghp_SECRET-graphql-token-5678";
    public const string GraphQlPath = "/github/api/graphql";

    public static readonly ProjectBoardTarget Target = new("acme", 3, "Status", "acme/widget");

    private readonly ServiceProvider _services;

    public ProjectsFixture()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddTrackerInfrastructure();
        var limits = TestTrackerRegistration.LimitsFor(TrackerKind.GitHub, TrackerFixture.FastRetries) with { MinWriteSpacing = TimeSpan.Zero };
        services.AddTrackerClient(TrackerName, TrackerKind.GitHub, new Uri(Server.Url + "/github/api/v3"), Token, TrackerFixture.FastRetries, limits);
        _services = services.BuildServiceProvider();
    }

    public WireMockServer Server { get; } = WireMockServer.Start();

    public IProjectBoards Boards => _services.GetRequiredService<IProjectBoards>();

    public RequestCounter Counter => _services.GetRequiredService<RequestCounter>();

    public IReadOnlyList<ILogEntry> Requests => [.. Server.LogEntries];

    /// <summary>Answers GraphQL POSTs whose body contains every one of <paramref name="bodyContains"/>.</summary>
    public void Answer(string body, params string[] bodyContains) => Answer(200, body, bodyContains);

    public void Answer(int status, string body, params string[] bodyContains)
    {
        var request = Request.Create().WithPath(GraphQlPath).UsingPost();
        foreach (var part in bodyContains)
        {
            request = request.WithBody(new WildcardMatcher("*" + part + "*"));
        }

        Server.Given(request).RespondWith(Response.Create()
            .WithStatusCode(status)
            .WithHeader("Content-Type", "application/json; charset=utf-8")
            .WithHeader("x-ratelimit-limit", "5000")
            .WithHeader("x-ratelimit-remaining", "4991")
            .WithHeader("x-ratelimit-used", "9")
            .WithHeader("x-ratelimit-resource", "graphql")
            .WithHeader("x-ratelimit-reset", "4102444800")
            .WithBody(body));
    }

    /// <summary>The JSON body of request <paramref name="index"/>: <c>query</c> and <c>variables</c>.</summary>
    public JsonObject Body(int index) => JsonNode.Parse(Requests[index].RequestMessage.Body!)!.AsObject();

    public string Query(int index) => (string)Body(index)["query"]!;

    public JsonObject Variables(int index) => Body(index)["variables"]!.AsObject();

    /// <summary>The operation of each request in order (<c>query ProjectBoard</c>, <c>mutation AddProjectItem</c>, ...).</summary>
    public IReadOnlyList<string> Operations() =>
        [.. Requests.Select((_, i) => Query(i).Split('(')[0].Trim())];

    public void Dispose()
    {
        _services.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
