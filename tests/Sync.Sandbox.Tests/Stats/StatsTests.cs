using System.Net;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Stats;

public sealed class StatsTests
{
    [Fact]
    public async Task Stats_CountEveryRequestPerInstanceAndEndpoint_IncludingErrors()
    {
        await using var server = await TestSandbox.StartAsync();
        using var gl = TestSandbox.Client(server.GitLabDev);
        using var bad = TestSandbox.Client(server.GitLabDev, "wrong");
        using var gh = TestSandbox.Client(server.GitHub);
        var ct = TestContext.Current.CancellationToken;

        (await gl.GetAsync("projects/acme%2Fwidget/issues", ct)).Dispose();
        (await gl.GetAsync("projects/acme%2Fwidget/issues?page=2", ct)).Dispose();
        (await bad.GetAsync("projects/acme%2Fwidget/issues", ct)).Dispose();
        (await gl.GetAsync("projects/acme%2Fwidget/issues/1/notes", ct)).Dispose();
        (await gh.GetAsync("repos/acme/widget/issues/1", ct)).Dispose();
        (await gh.GetAsync("repos/acme/nope/issues", ct)).Dispose();
        var snapshot = server.Stats.Snapshot();

        Assert.Equal(3, snapshot.For("gitlab-dev", "GET /projects/:id/issues"));
        Assert.Equal(1, snapshot.For("gitlab-dev", "GET /projects/:id/issues/:iid/notes"));
        Assert.Equal(1, snapshot.For("github", "GET /repos/:owner/:repo/issues/:number"));
        Assert.Equal(1, snapshot.For("github", "GET /repos/:owner/:repo/issues"));
        Assert.Equal(6, snapshot.Total);
        Assert.Equal(0, snapshot.ForInstance("gitlab"));

        server.Stats.Reset();
        Assert.Equal(0, server.Stats.Snapshot().Total);
        Assert.Equal(6, snapshot.Total);
    }

    [Fact]
    public async Task StatsEndpoint_RequiresAdminHeader_AndResets()
    {
        await using var server = await TestSandbox.StartAsync();
        using var gl = TestSandbox.Client(server.GitLab);
        using var admin = new HttpClient { BaseAddress = server.BaseAddress };
        var ct = TestContext.Current.CancellationToken;
        (await gl.GetAsync("user", ct)).Dispose();

        using var denied = await admin.GetAsync("_sandbox/stats", ct);
        admin.DefaultRequestHeaders.Add("X-Sandbox-Admin", "sandbox-admin");
        var stats = await admin.GetJson("_sandbox/stats");
        using var reset = await admin.PostAsync("_sandbox/stats/reset", null, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(1, stats.GetProperty("instances").GetProperty("gitlab").GetProperty("GET /user").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(0, server.Stats.Snapshot().Total);
    }
}
