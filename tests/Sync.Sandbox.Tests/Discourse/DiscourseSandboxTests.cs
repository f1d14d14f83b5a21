using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Discourse;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Discourse;

/// <summary>The emulated Discourse forum and its topic voting plugin, spoken to over raw HTTP as the docs describe it.</summary>
public sealed class DiscourseSandboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Client(SandboxDiscourse forum, string? key = null, string? username = "forum-admin")
    {
        var client = new HttpClient { BaseAddress = forum.Root, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("Api-Key", key ?? forum.ApiKey);
        if (username is not null)
        {
            client.DefaultRequestHeaders.Add("Api-Username", username);
        }

        return client;
    }

    private static async Task<JsonElement> Get(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Theory]
    [InlineData("wrong-key", "forum-admin")]
    [InlineData(null, "nobody-of-that-name")]
    [InlineData(null, null)]
    public async Task Auth_WithABadKeyOrUsername_Answers403InvalidAccess(string? key, string? username)
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = Client(server.Discourse, key, username);

        using var response = await client.GetAsync("session/current.json", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("invalid_access", body.GetProperty("error_type").GetString());
        Assert.Contains("API username or key is invalid", body.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latest_AFullPageAnnouncesMoreTopics_AndSubcategoryTopicsComeUnlessLeftOut()
    {
        await using var server = await TestSandbox.StartAsync();
        var forum = server.Discourse;
        forum.TopicsPerPage = 3;
        var category = forum.AddCategory("wishes", "Wishes");
        forum.AddCategory("mobile", "Mobile", parentSlug: "wishes");
        forum.AddTopic("wishes", "One", "1", "ann");
        forum.AddTopic("wishes/mobile", "Sub", "s", "ann");
        using var client = Client(forum);

        var all = await Get(client, $"c/wishes/{category.Id}/l/latest.json?page=0");
        var own = await Get(client, $"c/wishes/{category.Id}/l/latest.json?no_subcategories=true&page=0");
        var next = await Get(client, $"c/wishes/{category.Id}/l/latest.json?page=1");

        // About topic (pinned, first), One and Sub fill the page of 3: a next page is announced, and it is empty.
        Assert.Equal(3, all.GetProperty("topic_list").GetProperty("topics").GetArrayLength());
        Assert.StartsWith($"/c/wishes/{category.Id}/l/latest?", all.GetProperty("topic_list").GetProperty("more_topics_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(category.AboutTopicId, all.GetProperty("topic_list").GetProperty("topics")[0].GetProperty("id").GetInt64());
        Assert.Equal(2, own.GetProperty("topic_list").GetProperty("topics").GetArrayLength());
        Assert.False(own.GetProperty("topic_list").TryGetProperty("more_topics_url", out _));
        Assert.Equal(0, next.GetProperty("topic_list").GetProperty("topics").GetArrayLength());
        var item = own.GetProperty("topic_list").GetProperty("topics")[1];
        Assert.Equal("Original Poster", item.GetProperty("posters")[0].GetProperty("description").GetString());
        Assert.Equal(0, item.GetProperty("vote_count").GetInt32());
        Assert.True(item.TryGetProperty("bumped_at", out _));
    }

    [Fact]
    public async Task Topic_CarriesTheFirstChunkAndEveryPostId_RawOnlyWhenAsked_AndPostsByIdComeInTopicOrder()
    {
        await using var server = await TestSandbox.StartAsync();
        var forum = server.Discourse;
        forum.AddCategory("wishes", "Wishes");
        var topic = forum.AddTopic("wishes", "Long", "**first**", "ann");
        var posts = Enumerable.Range(1, 24).Select(i => forum.AddPost(topic.Id, $"reply {i}", "bob")).ToList();
        var whisper = forum.AddPost(topic.Id, "staff", "forum-admin", DiscoursePost.Whisper);
        using var client = Client(forum);

        var plain = await Get(client, $"t/{topic.Id}.json");
        var raw = await Get(client, $"t/{topic.Id}.json?include_raw=true");
        var more = await Get(client, $"t/{topic.Id}/posts.json?include_raw=true&post_ids[]={whisper.Id}&post_ids[]={posts[22].Id}");

        var stream = plain.GetProperty("post_stream");
        Assert.Equal(20, stream.GetProperty("posts").GetArrayLength());
        Assert.Equal(26, stream.GetProperty("stream").GetArrayLength());
        Assert.False(stream.GetProperty("posts")[0].TryGetProperty("raw", out _));
        Assert.Contains("<strong>first</strong>", stream.GetProperty("posts")[0].GetProperty("cooked").GetString(), StringComparison.Ordinal);
        Assert.Equal("**first**", raw.GetProperty("post_stream").GetProperty("posts")[0].GetProperty("raw").GetString());
        Assert.Equal("ann", raw.GetProperty("details").GetProperty("created_by").GetProperty("username").GetString());
        var byId = more.GetProperty("post_stream").GetProperty("posts");
        Assert.Equal([posts[22].Id, whisper.Id], byId.EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        Assert.Equal(4, byId[1].GetProperty("post_type").GetInt32());
        Assert.Equal("staff", byId[1].GetProperty("raw").GetString());
    }

    [Theory]
    [InlineData(false, "closed", 2)]
    [InlineData(false, "archived", 2)]
    [InlineData(true, "closed", 0)]
    public async Task Status_ClosingOrArchiving_ReleasesVotesAsThePluginDoes(bool legacy, string status, int votersAfter)
    {
        await using var server = await TestSandbox.StartAsync();
        var forum = server.Discourse;
        forum.LegacyVoteRelease = legacy;
        forum.AddCategory("wishes", "Wishes");
        var topic = forum.AddTopic("wishes", "Voted", "v", "ann");
        forum.Vote(topic.Id, "bob", "cy");
        using var client = Client(forum);

        using var put = await client.PutAsync($"t/{topic.Id}/status", new FormUrlEncodedContent([new("status", status), new("enabled", "true")]), Ct);
        var who = await Get(client, $"voting/who?topic_id={topic.Id}");
        var read = await Get(client, $"t/{topic.Id}.json");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("OK", (await put.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("success").GetString());
        Assert.Equal(votersAfter, who.GetArrayLength());
        Assert.Equal(votersAfter, read.GetProperty("vote_count").GetInt32());
        Assert.True(read.GetProperty(status).GetBoolean());
        Assert.All(forum.Topic(topic.Id).Votes, v => Assert.True(v.Archive));
        var action = read.GetProperty("post_stream").GetProperty("posts").EnumerateArray().Last();
        Assert.Equal(3, action.GetProperty("post_type").GetInt32());
        Assert.Equal($"{status}.enabled", action.GetProperty("action_code").GetString());
    }

    [Fact]
    public async Task Who_WhereTheSiteHidesWhoVoted_AnswersNull_AndWithoutThePluginIsNotFound()
    {
        await using var server = await TestSandbox.StartAsync();
        var forum = server.Discourse;
        forum.AddCategory("wishes", "Wishes");
        var topic = forum.AddTopic("wishes", "Voted", "v", "ann");
        forum.Vote(topic.Id, "bob");
        using var client = Client(forum);

        forum.ShowWhoVoted = false;
        var hidden = await client.GetStringAsync($"voting/who?topic_id={topic.Id}", Ct);
        forum.VotingPlugin = false;
        using var missing = await client.GetAsync($"voting/who?topic_id={topic.Id}", Ct);
        var read = await Get(client, $"t/{topic.Id}.json");

        Assert.Equal("null", hidden);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False(read.TryGetProperty("vote_count", out _));
    }

    [Fact]
    public async Task AdminApiLimit_Answers429WithRetryAfterAndWaitSeconds_UntilTheMinuteHasPassed()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        server.Discourse.AdminApiRequestsPerMinute = 2;
        using var client = Client(server.Discourse);

        for (var i = 0; i < 2; i++)
        {
            using var ok = await client.GetAsync("session/current.json", Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        time.Advance(TimeSpan.FromSeconds(15));
        using var limited = await client.GetAsync("session/current.json", Ct);
        var body = await limited.Content.ReadFromJsonAsync<JsonElement>(Ct);
        time.Advance(TimeSpan.FromSeconds(45));
        using var after = await client.GetAsync("session/current.json", Ct);

        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("45", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal("rate_limit", body.GetProperty("error_type").GetString());
        Assert.Equal(45, body.GetProperty("extras").GetProperty("wait_seconds").GetInt32());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task CreatePost_RepliesAsTheApiUser_AndRefusesBlankOrTooLongBodies()
    {
        await using var server = await TestSandbox.StartAsync();
        var forum = server.Discourse;
        forum.AddCategory("wishes", "Wishes");
        var topic = forum.AddTopic("wishes", "Idea", "v", "ann");
        using var client = Client(forum);

        using var created = await client.PostAsJsonAsync("posts.json", new { topic_id = topic.Id, raw = "Moved <!-- m -->" }, Ct);
        using var blank = await client.PostAsJsonAsync("posts.json", new { topic_id = topic.Id, raw = "  " }, Ct);
        using var tooLong = await client.PostAsJsonAsync("posts.json", new { topic_id = topic.Id, raw = new string('x', 32_001) }, Ct);

        var post = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("forum-admin", post.GetProperty("username").GetString());
        Assert.Equal("Moved <!-- m -->", post.GetProperty("raw").GetString());
        Assert.Equal(2, post.GetProperty("post_number").GetInt32());
        Assert.Equal((HttpStatusCode)422, blank.StatusCode);
        Assert.Equal((HttpStatusCode)422, tooLong.StatusCode);
        Assert.Contains("limited to 32000 characters", (await tooLong.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(2, forum.Topic(topic.Id).Posts.Count);
    }

    [Fact]
    public async Task AdminSeed_CreatesCategoriesTopicsRepliesAndVotes()
    {
        await using var server = await TestSandbox.StartAsync();
        using var admin = new HttpClient { BaseAddress = server.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Sandbox-Admin", new SandboxOptions().AdminToken);
        var seed = new
        {
            settings = new { topicsPerPage = 10, showWhoVoted = true },
            categories = new[] { new { slug = "seeded", name = "Seeded" } },
            topics = new[] { new { category = "seeded", title = "Seeded idea", raw = "body", author = "ann", tags = new[] { "ui" }, votes = new[] { "bob", "cy" }, replies = new[] { new { raw = "whisper", author = "forum-admin", type = 4 } }, closed = true } },
        };

        using var response = await admin.PostAsJsonAsync("_sandbox/discourse", seed, Ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("topics")[0].GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var topic = server.Discourse.Topic(id);
        Assert.Equal(["ui"], topic.Tags);
        Assert.Equal(2, topic.VoteCount);
        Assert.True(topic.Closed);
        Assert.Equal(DiscoursePost.Whisper, topic.Posts[1].PostType);
        Assert.Equal(10, server.Discourse.TopicsPerPage);
    }

    [Fact]
    public async Task TopicPage_ServesTheWebUrl_EncodedAndOutsideTheApiCounts()
    {
        await using var server = await TestSandbox.StartAsync();
        var forum = server.Discourse;
        forum.AddCategory("wishes", "Wishes");
        var topic = forum.AddTopic("wishes", "<script>x</script> idea", "<img src=x onerror=alert(1)> body", "ann");
        server.Stats.Reset();
        using var anonymous = new HttpClient { BaseAddress = forum.Root };

        var html = await anonymous.GetStringAsync($"t/{topic.Slug}/{topic.Id}", Ct);

        Assert.Contains("&lt;script&gt;x&lt;/script&gt; idea", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", html, StringComparison.Ordinal);
        Assert.Equal(0, server.Stats.Snapshot().ForInstance("discourse"));
    }
}
