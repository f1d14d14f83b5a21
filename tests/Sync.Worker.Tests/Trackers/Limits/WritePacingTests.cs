using System.Net;
using Sync.Core.Trackers;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Sync.Worker.Tests.Trackers.Limits;

/// <summary>Writes are paced before sending: sliding windows on the fake clock, GitHub mutations one at a time.</summary>
public sealed class WritePacingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> Post(LimitsFixture fixture, string path) =>
        fixture.Http.PostAsync(new Uri(fixture.Server.Url + path), new StringContent("{}"), Ct);

    [Fact]
    public async Task GitLabIssueCreation_FourthWithinAMinute_WaitsUntilTheWindowFrees()
    {
        using var lab = new LimitsFixture("work", TrackerKind.GitLab, "/api/v4", o => o with { IssueCreatesPerMinute = 3 });
        lab.Server.Given(Request.Create().WithPath(new WildcardMatcher("/api/v4/projects/*")).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody("{}"));

        for (var i = 0; i < 3; i++)
        {
            using var created = await Post(lab, "/api/v4/projects/1/issues");
            lab.Time.Advance(TimeSpan.FromSeconds(10));
        }

        var fourth = Post(lab, "/api/v4/projects/1/issues");
        await LimitsFixture.Until(() => lab.Limiter.Pacer.PendingWaits == 1);
        Assert.Equal(3, lab.RequestCount);

        // Notes have their own window: not held back by the full issue window.
        using (await Post(lab, "/api/v4/projects/1/issues/5/notes"))
        {
            Assert.Equal(4, lab.RequestCount);
        }

        // The first creation was at t=0 and the clock is at t=30: the window frees at t=60.
        lab.Time.Advance(TimeSpan.FromSeconds(29));
        await LimitsFixture.Until(() => lab.Limiter.Pacer.PendingWaits == 1);
        Assert.Equal(4, lab.RequestCount);

        lab.Time.Advance(TimeSpan.FromSeconds(1));
        using var response = await LimitsFixture.Done(fourth);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(5, lab.RequestCount);
        Assert.Equal(0, lab.LimitResponses);
    }

    [Fact]
    public async Task GitLabNoteCreation_WindowCountsFromTheResponse_NotFromTheSend()
    {
        using var lab = new LimitsFixture("work", TrackerKind.GitLab, "/api/v4", o => o with { NoteCreatesPerMinute = 1 });
        var slow = true;
        lab.Server.Given(Request.Create().WithPath(new WildcardMatcher("/api/v4/projects/*")).UsingPost())
            .RespondWith(Response.Create().WithCallback(_ =>
            {
                // The first note takes 5 s from send to response; the tracker counted it somewhere in between.
                if (slow)
                {
                    slow = false;
                    lab.Time.Advance(TimeSpan.FromSeconds(5));
                }

                return new ResponseMessage { StatusCode = 201, BodyData = new WireMock.Util.BodyData { BodyAsString = "{}", DetectedBodyType = WireMock.Types.BodyType.String } };
            }));

        using (await Post(lab, "/api/v4/projects/1/issues/5/notes"))
        {
            Assert.Equal(1, lab.RequestCount);
        }

        // Sent at t=0, answered at t=5: a second note sent at t=60 could arrive inside the tracker's window.
        var second = Post(lab, "/api/v4/projects/1/issues/5/notes");
        await LimitsFixture.Until(() => lab.Limiter.Pacer.PendingWaits == 1);
        lab.Time.Advance(TimeSpan.FromSeconds(55));
        await LimitsFixture.Until(() => lab.Limiter.Pacer.PendingWaits == 1);
        Assert.Equal(1, lab.RequestCount);

        lab.Time.Advance(TimeSpan.FromSeconds(5));
        using var response = await LimitsFixture.Done(second);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, lab.RequestCount);
    }

    [Fact]
    public async Task GitHubWrites_FourthWithinAMinute_WaitsUntilTheWindowFrees()
    {
        using var hub = new LimitsFixture("hub", TrackerKind.GitHub, "/github/api/v3", o => o with { WritesPerMinute = 3, MinWriteSpacing = TimeSpan.Zero });
        hub.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(201).WithBody("{}"));

        for (var i = 0; i < 3; i++)
        {
            using var created = await Post(hub, "/github/api/v3/repos/acme/widget/issues/1/comments");
        }

        var fourth = hub.Http.PatchAsync(new Uri(hub.Server.Url + "/github/api/v3/repos/acme/widget/issues/1"), new StringContent("{}"), Ct);
        await LimitsFixture.Until(() => hub.Limiter.Pacer.PendingWaits == 1);

        // Reads are not content-creating: they pass while the write waits.
        using (await hub.Http.GetAsync(new Uri(hub.Server.Url + "/github/api/v3/repos/acme/widget/issues"), Ct))
        {
            Assert.Equal(4, hub.RequestCount);
        }

        hub.Time.Advance(TimeSpan.FromSeconds(60));
        using var response = await LimitsFixture.Done(fourth);

        Assert.Equal(5, hub.RequestCount);
    }

    [Fact]
    public async Task GitHubGraphQlQueries_ArePostsButNotPacedAsWrites()
    {
        using var hub = new LimitsFixture("hub", TrackerKind.GitHub, "/github/api/v3", o => o with { WritesPerMinute = 1 });
        hub.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}"));

        // One real write uses up the minute; five queries marked read-only still go straight through, with no gap.
        using (await Post(hub, "/github/api/v3/repos/acme/widget/issues"))
        {
        }

        for (var i = 0; i < 5; i++)
        {
            using var query = new HttpRequestMessage(HttpMethod.Post, new Uri(hub.Server.Url + "/github/api/graphql")) { Content = new StringContent("{}") };
            query.Options.Set(Sync.Worker.Trackers.WritePacer.ReadOnlyPost, true);
            using var answer = await hub.Http.SendAsync(query, Ct);
        }

        Assert.Equal(6, hub.RequestCount);
        Assert.Equal(0, hub.Limiter.Pacer.PendingWaits);
    }

    [Fact]
    public async Task GitHubWrites_AreSpacedByTheMinimumGap()
    {
        using var hub = new LimitsFixture("hub", TrackerKind.GitHub, "/github/api/v3");
        hub.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(201).WithBody("{}"));

        using (await Post(hub, "/github/api/v3/repos/acme/widget/issues"))
        {
        }

        var second = Post(hub, "/github/api/v3/repos/acme/widget/issues");
        await LimitsFixture.Until(() => hub.Limiter.Pacer.PendingWaits == 1);
        Assert.Equal(1, hub.RequestCount);

        hub.Time.Advance(TimeSpan.FromSeconds(1));
        using var response = await LimitsFixture.Done(second);

        Assert.Equal(2, hub.RequestCount);
    }

    [Fact]
    public async Task GitHubWrites_NeverOverlap()
    {
        using var hub = new LimitsFixture("hub", TrackerKind.GitHub, "/github/api/v3", o => o with { MinWriteSpacing = TimeSpan.Zero });
        var inFlight = new InFlight();
        hub.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithCallback(inFlight.Respond));

        var writes = Enumerable.Range(0, 4).Select(_ => Post(hub, "/github/api/v3/repos/acme/widget/issues")).ToList();
        foreach (var response in await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(15), Ct))
        {
            response.Dispose();
        }

        Assert.Equal(4, hub.RequestCount);
        Assert.Equal(1, inFlight.Max);
    }

    /// <summary>Holds each request briefly (real time, server side) and records how many were in flight at once.</summary>
    internal sealed class InFlight
    {
        private int _current;
        private int _max;

        public int Max => Volatile.Read(ref _max);

        public ResponseMessage Respond(IRequestMessage request)
        {
            var now = Interlocked.Increment(ref _current);
            InterlockedMax(now);
            Thread.Sleep(50);
            Interlocked.Decrement(ref _current);
            return new ResponseMessage { StatusCode = 201 };
        }

        private void InterlockedMax(int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, value, seen) != seen)
            {
            }
        }
    }
}
