using Sync.Core.Trackers;

namespace Sync.Worker.Tests.Trackers.Discourse;

/// <summary>What a forum writes (only a reply and a status), what it refuses, limits and credentials.</summary>
public sealed class DiscourseWriteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LabelOnlyEdit_WritesNothing_AndAnswersTheIdeaAsItIs()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Forum.AddCategory("wishes", "Wishes");
        var topic = forum.Forum.AddTopic("wishes", "Idea", "body", "ann", ["ui"]);
        forum.ResetCounts();

        var idea = await forum.Client.EditIssueAsync("c/wishes", topic.Id, new IssueEdit(AddLabels: ["moved"]), Ct);
        await forum.Client.ChangeLabelsAsync("c/wishes", topic.Id, ["moved"], [], Ct);

        Assert.Equal(["ui"], idea.Labels);
        Assert.Equal(IssueState.Open, idea.State);
        Assert.Equal(0, forum.Writes);
        Assert.Equal(["GET /categories.json = 1", "GET /t/:id.json = 1"], forum.ServedLines());
    }

    [Fact]
    public async Task WhatAForumCannotDo_IsNotSupported_NamingTheKindAndMethod()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        var client = forum.Client;

        var create = await Assert.ThrowsAsync<NotSupportedException>(() => client.CreateIssueAsync("c/wishes", new NewIssue("t", "b"), Ct));
        await Assert.ThrowsAsync<NotSupportedException>(() => client.EditIssueAsync("c/wishes", 1, new IssueEdit(Title: "x"), Ct));
        await Assert.ThrowsAsync<NotSupportedException>(() => client.EditIssueAsync("c/wishes", 1, new IssueEdit(State: IssueState.Open), Ct));
        await Assert.ThrowsAsync<NotSupportedException>(() => client.EditCommentAsync("c/wishes", 1, 2, "x", Ct));
        await Assert.ThrowsAsync<NotSupportedException>(() => client.CreateLabelAsync("c/wishes", new TrackerLabel("a", "#ffffff"), Ct));

        Assert.Contains("Discourse", create.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ITrackerClient.CreateIssueAsync), create.Message, StringComparison.Ordinal);
        Assert.Empty(await client.ListLabelsAsync("c/wishes", Ct).ToListAsync(Ct));
        Assert.Empty(await client.ListMilestonesAsync("c/wishes", Ct).ToListAsync(Ct));
        Assert.Equal(0, forum.ServedTotal);
    }

    [Fact]
    public async Task CurrentUser_IsTheApiUsername()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);

        var user = await forum.Client.GetCurrentUserAsync(Ct);

        Assert.Equal(SandboxForum.Username, user.Username);
    }

    [Fact]
    public async Task RateLimited_429WithRetryAfter_IsWaitedOutAndTheReadSucceeds()
    {
        await using var forum = await SandboxForum.StartAsync(Ct);
        forum.Sandbox.Control.EnforceRateLimits = true;
        forum.Forum.AdminApiRequestsPerMinute = 2;
        forum.Forum.RateLimitWindow = TimeSpan.FromSeconds(2);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SandboxForum.Username, (await forum.Client.GetCurrentUserAsync(Ct)).Username);
        }

        // The third read was answered 429 (Retry-After: 2) once, then went through after the wait.
        Assert.Equal(4, forum.Served("GET /session/current.json"));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ABadKey_IsForbidden_AndTheKeyAppearsInNoErrorOrLogLine()
    {
        const string Key = "secret-discourse-key-1234567890";
        await using var forum = await SandboxForum.StartAsync(Ct, key: Key);
        forum.Forum.AddCategory("wishes", "Wishes");

        var error = await Assert.ThrowsAsync<TrackerForbiddenException>(() => forum.Client.GetCurrentUserAsync(Ct));
        var list = await Assert.ThrowsAsync<TrackerForbiddenException>(() => forum.Client.ListIssuesAsync("c/wishes", new IssueQuery(), Ct).ToListAsync(Ct).AsTask());

        Assert.Contains("invalid", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, list.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(forum.Logs.Entries);
        Assert.DoesNotContain(forum.Logs.Entries, e => e.Message.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credentials_GoOnlyToTheForumsOwnOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://elsewhere.example/t/1.json");
        request.Headers.TryAddWithoutValidation("Api-Key", "leftover");
        request.Headers.TryAddWithoutValidation("Api-Username", "leftover");
        using var handler = new Sync.Worker.Trackers.TrackerAuthHandler(TrackerKind.Discourse, new Uri("https://forum.example/"), "key", "admin") { InnerHandler = new EchoHandler() };
        using var invoker = new HttpMessageInvoker(handler);

        using var elsewhere = await invoker.SendAsync(request, Ct);
        using var own = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://forum.example/t/1.json"), Ct);

        Assert.False(elsewhere.RequestMessage!.Headers.Contains("Api-Key"));
        Assert.False(elsewhere.RequestMessage.Headers.Contains("Api-Username"));
        Assert.Equal(["key"], own.RequestMessage!.Headers.GetValues("Api-Key"));
        Assert.Equal(["admin"], own.RequestMessage.Headers.GetValues("Api-Username"));
    }

    private sealed class EchoHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { RequestMessage = request });
    }
}
