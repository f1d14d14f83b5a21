using Microsoft.Data.Sqlite;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Trackers.Discourse;

/// <summary>
/// The real worker (<c>--once</c>) moving the sandbox forum's ideas into a public GitHub project through the unchanged
/// move step: each idea once, with its replies but no whisper, a "Moved to" reply on the forum, the topic closed, its voters
/// kept; a rerun writes nothing. Counts the forum requests per idea.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class DiscourseMoveTests
{
    [Fact]
    public async Task Move_ForumIdeas_MovesEachOnce_RepliesClosesAndKeepsVoters_AndARerunWritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, EnforceRateLimits = false }, ct);
        var forum = sandbox.Discourse;
        forum.AddCategory("wishes", "Wishes");
        var a = forum.AddTopic("wishes", "Offline mode", "Let me work **offline**.", "ann", ["mobile"]);
        forum.AddPost(a.Id, "Needed on trains.", "bob");
        forum.AddPost(a.Id, "Staff: planned for Q3", "forum-admin", Sync.Sandbox.Discourse.DiscoursePost.Whisper);
        forum.Vote(a.Id, "bob", "cy", "dee");
        var b = forum.AddTopic("wishes", "Bigger fonts", "Please.", "cy");
        forum.Vote(b.Id, "cy");
        sandbox.GitHub.CreateProject("acme/forum-dst", isPrivate: false);
        var statePath = InProcessApp.TempPath("state.db");
        string[] args =
        [
            "--once",
            $"--IssueSync:Trackers:github:Kind=GitHub",
            $"--IssueSync:Trackers:github:ApiUrl={sandbox.GitHub.ApiUrl}",
            $"--IssueSync:Trackers:github:Token={sandbox.GitHub.Token}",
            "--IssueSync:Trackers:forum:Kind=Discourse",
            $"--IssueSync:Trackers:forum:ApiUrl={forum.Root}",
            $"--IssueSync:Trackers:forum:Token={forum.ApiKey}",
            "--IssueSync:Trackers:forum:Username=forum-admin",
            "--IssueSync:Products:ideas:Public=github:acme/forum-dst",
            "--IssueSync:Products:ideas:Forums:0:Project=forum:c/wishes",
            $"--IssueSync:Storage:SqlitePath={statePath}",
        ];
        sandbox.Stats.Reset();

        var first = await InProcessApp.RunAsync(args);

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        var moved = sandbox.GitHub.Issues("acme/forum-dst");
        Assert.Equal(2, moved.Count);
        var offline = Assert.Single(moved, i => i.Title == "Offline mode");
        Assert.Contains("Let me work **offline**.", offline.Description, StringComparison.Ordinal);
        Assert.Contains(offline.Notes, n => n.Body.Contains("Needed on trains.", StringComparison.Ordinal));
        Assert.DoesNotContain(offline.Notes, n => n.Body.Contains("planned for Q3", StringComparison.Ordinal));
        Assert.True(forum.Topic(a.Id).Closed);
        Assert.Contains(forum.Topic(a.Id).Posts, p => p.Author.Username == "forum-admin" && p.Raw.Contains("acme/forum-dst", StringComparison.Ordinal));

        // Per idea: one topic read in the listing, one before each write of the move (the move's "still wanted?" check:
        // the issue, each copied reply, the notice, the close, which reuses it), voters once, the reply, the status.
        // Idea A (one reply copied) reads 5 topics, idea B 4.
        Assert.Equal(
            ["GET /c/:slug/:id/l/latest.json = 1", "GET /categories.json = 1", "GET /t/:id.json = 9", "GET /voting/who = 2", "POST /posts.json = 2", "PUT /t/:id/status = 2"],
            sandbox.Stats.Snapshot().Instances["discourse"].Select(kv => $"{kv.Key} = {kv.Value}").Order(StringComparer.Ordinal));

        // The voters were kept before closing, in the worker's own store.
        var store = new SqliteStateStore(statePath);
        var kept = await store.ListDocumentsAsync("_forums", "forum-voters", ct);
        SqliteConnection.ClearAllPools();
        Assert.Equal([$"forum:c/wishes#{a.Id}", $"forum:c/wishes#{b.Id}"], kept.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Contains("\"dee\"", kept.Single(d => d.Key.EndsWith($"#{a.Id}", StringComparison.Ordinal)).Body, StringComparison.Ordinal);

        var writes = sandbox.Stats.Snapshot().Instances.Values.SelectMany(e => e).Where(e => SandboxStatsSnapshot.IsWrite(e.Key)).Sum(e => e.Value);
        var again = await InProcessApp.RunAsync(args);
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        Assert.Equal(writes, sandbox.Stats.Snapshot().Instances.Values.SelectMany(e => e).Where(e => SandboxStatsSnapshot.IsWrite(e.Key)).Sum(e => e.Value));
        Assert.Equal(2, sandbox.GitHub.Issues("acme/forum-dst").Count);
    }
}
