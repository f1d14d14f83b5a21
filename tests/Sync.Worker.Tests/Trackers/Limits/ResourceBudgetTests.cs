using System.Net.Http.Json;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.Limits;

/// <summary>
/// GitHub's primary budgets per resource: REST counts against <c>core</c>, GraphQL against <c>graphql</c>, each with its
/// own limit and reset (<c>x-ratelimit-resource</c>). One spent budget pauses only the requests that count against it.
/// </summary>
public sealed class ResourceBudgetTests : IDisposable
{
    private const string Root = "/github/api/v3";
    private const string IssuesPath = Root + "/repos/acme/widget/issues";
    private const string GraphQlPath = "/github/api/graphql";
    private readonly LimitsFixture _hub = new("hub", TrackerKind.GitHub, Root);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _hub.Dispose();

    private IResponseBuilder Budget(string? resource, long remaining) =>
        Response.Create().WithStatusCode(200)
            .WithHeader("x-ratelimit-limit", "5000")
            .WithHeader("x-ratelimit-remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithHeader("x-ratelimit-reset", _hub.ResetIn(TimeSpan.FromSeconds(60)))
            .WithHeader("x-ratelimit-resource", resource ?? string.Empty)
            .WithHeader("Content-Type", "application/json");

    private void GraphQlAnswers(long remaining) =>
        _hub.Server.Given(Request.Create().WithPath(GraphQlPath).UsingPost())
            .RespondWith(Budget("graphql", remaining).WithBody("""{"data":{"viewer":{"login":"octocat"}}}"""));

    private void RestAnswers(string? resource, long remaining) =>
        _hub.Server.Given(Request.Create().WithPath(IssuesPath).UsingGet()).RespondWith(Budget(resource, remaining).WithBody("[]"));

    private async Task<int> Query()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_hub.Server.Url + GraphQlPath))
        {
            Content = JsonContent.Create(new { query = "query { viewer { login } }" }),
        };

        // As the GraphQL client marks a query: a read, not paced as a write.
        request.Options.Set(WritePacer.ReadOnlyPost, true);
        using var response = await _hub.Http.SendAsync(request, Ct);
        return (int)response.StatusCode;
    }

    private async Task<int> List()
    {
        using var response = await _hub.Http.GetAsync(new Uri(_hub.Server.Url + IssuesPath), Ct);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task SpentGraphQlBudget_DoesNotDelayACoreRequest_ButHoldsTheNextQueryUntilItsReset()
    {
        GraphQlAnswers(remaining: 0);
        RestAnswers("core", remaining: 4000);
        Assert.Equal(200, await Query());

        Assert.Equal(200, await List());
        Assert.Equal(2, _hub.RequestCount);

        var held = Query();
        await LimitsFixture.Until(() => _hub.Limiter.PendingWaits == 1);
        Assert.Equal(200, await List());
        Assert.Equal(3, _hub.RequestCount);

        _hub.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(200, await LimitsFixture.Done(held));
        Assert.Equal(4, _hub.RequestCount);
        Assert.Equal(0, _hub.Limiter.RemainingBudgets["graphql"]);
        Assert.Equal(4000, _hub.Limiter.RemainingBudgets["core"]);
    }

    [Fact]
    public async Task SpentCoreBudget_DoesNotDelayAGraphQlQuery_EvenWhenTheAnswerNamesNoResource()
    {
        // Without x-ratelimit-resource the request decides: a REST path is core, POST .../graphql is graphql.
        RestAnswers(resource: null, remaining: 0);
        GraphQlAnswers(remaining: 4500);
        Assert.Equal(200, await List());

        Assert.Equal(200, await Query());
        Assert.Equal(2, _hub.RequestCount);

        var held = List();
        await LimitsFixture.Until(() => _hub.Limiter.PendingWaits == 1);
        Assert.Equal(200, await Query());
        Assert.Equal(3, _hub.RequestCount);

        _hub.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(200, await LimitsFixture.Done(held));
        Assert.Equal(4, _hub.RequestCount);
    }
}
