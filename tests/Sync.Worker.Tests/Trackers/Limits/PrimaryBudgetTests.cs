using Sync.Core.Trackers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.Limits;

/// <summary>The primary budget: pause before it runs out, tracker-wide, on the injected clock.</summary>
public sealed class PrimaryBudgetTests : IDisposable
{
    private const string Root = "/github/api/v3";
    private const string IssuesPath = Root + "/repos/acme/widget/issues";
    private readonly LimitsFixture _fixture = new("hub", TrackerKind.GitHub, Root);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    private Task<HttpResponseMessage> List() => _fixture.Http.GetAsync(new Uri(_fixture.Server.Url + IssuesPath), Ct);

    private void RespondWithBudget(long remaining, string reset) =>
        _fixture.Server.Given(Request.Create().WithPath(IssuesPath).UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(200)
            .WithHeader("x-ratelimit-limit", "5000")
            .WithHeader("x-ratelimit-remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithHeader("x-ratelimit-reset", reset)
            .WithBody("[]"));

    [Fact]
    public async Task Request_AfterRemainingZero_IsHeldUntilResetThenSent()
    {
        RespondWithBudget(0, _fixture.ResetIn(TimeSpan.FromSeconds(60)));
        using (await List())
        {
            Assert.Equal(1, _fixture.RequestCount);
        }

        var held = List();
        await LimitsFixture.Until(() => _fixture.Limiter.PendingWaits == 1);
        Assert.Equal(1, _fixture.RequestCount);

        _fixture.Time.Advance(TimeSpan.FromSeconds(59));
        await LimitsFixture.Until(() => _fixture.Limiter.PendingWaits == 1);
        Assert.False(held.IsCompleted);
        Assert.Equal(1, _fixture.RequestCount);

        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        using var response = await LimitsFixture.Done(held);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(2, _fixture.RequestCount);
        Assert.Single(_fixture.Logs.Entries, e => e.EventId == 1110 && e.Message.Contains("hub for 60 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_AtReserve_PausesBeforeTheLimitIsHit()
    {
        // 1% of 5,000 is 50: at 50 remaining the tracker pauses, so it never answers with a limit error.
        RespondWithBudget(50, _fixture.ResetIn(TimeSpan.FromSeconds(30)));
        using (await List())
        {
        }

        var first = List();
        var second = List();
        await LimitsFixture.Until(() => _fixture.Limiter.PendingWaits == 2);
        Assert.Equal(1, _fixture.RequestCount);

        _fixture.Time.Advance(TimeSpan.FromSeconds(30));
        using (await LimitsFixture.Done(first))
        using (await LimitsFixture.Done(second))
        {
        }

        Assert.Equal(3, _fixture.RequestCount);
        Assert.Equal(0, _fixture.LimitResponses);
    }

    [Fact]
    public async Task Request_AboveReserve_IsNotPaused()
    {
        RespondWithBudget(51, _fixture.ResetIn(TimeSpan.FromSeconds(30)));
        using (await List())
        using (await List())
        {
        }

        Assert.Equal(2, _fixture.RequestCount);
        Assert.Equal(0, _fixture.Limiter.PendingWaits);
    }

    [Fact]
    public async Task Request_WhenResetIsBeyondMaxWait_FailsWithoutSending()
    {
        RespondWithBudget(0, _fixture.ResetIn(TimeSpan.FromHours(1)));
        using (await List())
        {
        }

        var error = await Assert.ThrowsAsync<TrackerRateLimitedException>(List);

        Assert.Equal(_fixture.Time.GetUtcNow() + TimeSpan.FromHours(1), error.ResetAt);
        Assert.Equal("hub", error.TrackerName);
        Assert.Equal(1, _fixture.RequestCount);
    }
}
