using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.GitLab;

public sealed class GitLabNoteAndAwardTests
{
    [Fact]
    public async Task AwardEmoji_UpvotesCountPlainThumbsOnly_AndNoAwardBumpsTheIssue()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        var gl = server.GitLabDev;
        var issue = gl.AddIssue("acme/widget", "Votes");
        gl.AddAward("acme/widget", issue.Number, "thumbsup_tone3", "alice.martin");
        gl.AddAward("acme/widget", issue.Number, "thumbsdown", "bob.chen");
        using var client = TestSandbox.Client(gl);

        time.Advance(TimeSpan.FromHours(1));
        using var award = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/award_emoji", new { name = "thumbsup" });
        var json = await client.GetJson($"projects/acme%2Fwidget/issues/{issue.Number}");

        Assert.Equal(HttpStatusCode.Created, award.StatusCode);
        Assert.Equal("Issue", (await award.Json()).GetProperty("awardable_type").GetString());
        // GitLab counts only "thumbsup" in upvotes; the skin-tone vote is in the award_emoji list only.
        Assert.Equal(1, json.GetProperty("upvotes").GetInt32());
        Assert.Equal(1, json.GetProperty("downvotes").GetInt32());
        // app/models/award_emoji.rb: awardable.try(:bump_updated_at), which Issue does not define.
        Assert.Equal(TestSandbox.Start, json.GetProperty("updated_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task AwardEmoji_OnANote_BumpsTheNoteNotTheIssue()
    {
        var time = new FakeTimeProvider(TestSandbox.Start);
        await using var server = await TestSandbox.StartAsync(time);
        var gl = server.GitLabDev;
        var issue = gl.AddIssue("acme/widget", "Note votes");
        var note = gl.AddNote("acme/widget", issue.Number, "A comment");
        using var client = TestSandbox.Client(gl);

        time.Advance(TimeSpan.FromHours(2));
        using var award = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes/{note.Id}/award_emoji", new { name = "thumbsup" });
        var fetchedNote = await client.GetJson($"projects/acme%2Fwidget/issues/{issue.Number}/notes/{note.Id}");
        var fetchedIssue = await client.GetJson($"projects/acme%2Fwidget/issues/{issue.Number}");

        Assert.Equal(HttpStatusCode.Created, award.StatusCode);
        // Note#bump_updated_at (the only awardable defining it), as spec/models/award_emoji_spec.rb checks.
        Assert.Equal(TestSandbox.Start.AddHours(2), fetchedNote.GetProperty("updated_at").GetDateTimeOffset());
        Assert.Equal(TestSandbox.Start, fetchedIssue.GetProperty("updated_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task AwardEmoji_SameNameTwice_Answers404AlreadyTaken()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Dup");

        using var first = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/award_emoji", new { name = "rocket" });
        using var second = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/award_emoji", new { name = "rocket" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Contains("has already been taken", (await second.Json()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_InternalFlagRoundTrips_AndNoteAwardsAreListed()
    {
        await using var server = await TestSandbox.StartAsync();
        using var client = TestSandbox.Client(server.GitLabDev);
        var issue = server.GitLabDev.AddIssue("acme/widget", "Notes");

        using var created = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes", new { body = "secret", @internal = true });
        var note = await created.Json();
        var noteId = note.GetProperty("id").GetInt64();
        using var award = await client.Send(HttpMethod.Post, $"projects/acme%2Fwidget/issues/{issue.Number}/notes/{noteId}/award_emoji", new { name = "heart" });
        var awards = await client.GetJson($"projects/acme%2Fwidget/issues/{issue.Number}/notes/{noteId}/award_emoji");
        var fetched = await client.GetJson($"projects/acme%2Fwidget/issues/{issue.Number}/notes/{noteId}");

        Assert.True(note.GetProperty("internal").GetBoolean());
        Assert.True(fetched.GetProperty("confidential").GetBoolean());
        Assert.Equal("Issue", fetched.GetProperty("noteable_type").GetString());
        Assert.Equal("Note", awards[0].GetProperty("awardable_type").GetString());
        Assert.Equal(1, (await client.GetJson($"projects/acme%2Fwidget/issues/{issue.Number}")).GetProperty("user_notes_count").GetInt32());
    }

    [Fact]
    public async Task SeededWidget_HasInternalNotesSystemNotesAndSkinToneVotes()
    {
        await using var server = await TestSandbox.StartAsync();
        var issues = server.GitLabDev.Issues("acme/widget");
        var notes = issues.SelectMany(i => i.Notes).ToList();

        Assert.True(issues.Count >= 40);
        Assert.Contains(notes, n => n.Internal);
        Assert.Contains(notes, n => n.System);
        Assert.Contains(issues, i => i.Confidential);
        Assert.Contains(issues.SelectMany(i => i.Awards), a => a.Name.StartsWith("thumbsup_tone", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.HasLabel("public"));
        Assert.Contains(issues, i => i.Labels.Exists(l => l.StartsWith("impact::", StringComparison.Ordinal)));
    }
}
