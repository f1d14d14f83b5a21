using System.Text.Json;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;
using Sync.Worker.Webhooks;

namespace Sync.Worker.Tests.Webhooks;

public sealed class WebhookRoutingTests
{
    private static WebhookDelivery GitLab(string eventName, string json)
    {
        using var document = JsonDocument.Parse(json);
        return GitLabEvents.Parse(eventName, document.RootElement);
    }

    private static WebhookDelivery GitHub(string eventName, string json)
    {
        using var document = JsonDocument.Parse(json);
        return GitHubEvents.Parse(eventName, document.RootElement);
    }

    [Fact]
    public void GitLabNoteOnIssue_ReadsTheIssueIid()
    {
        var delivery = GitLab(GitLabEvents.Note, WebhookPayloads.Fill(WebhookPayloads.GitLabNoteHook, "https://gitlab.example.com", "acme/gadget", 7).Replace("@NOTEABLE@", "Issue", StringComparison.Ordinal));
        Assert.Equal(("acme/gadget", "https://gitlab.example.com/acme/gadget", 7L), (delivery.ProjectPath, delivery.ProjectWebUrl, delivery.IssueNumber));
    }

    [Theory]
    [InlineData("MergeRequest")]
    [InlineData("Snippet")]
    [InlineData("Commit")]
    public void GitLabNoteOnSomethingElse_IsIgnored(string noteable) =>
        Assert.Equal(
            $"ignored: comment on {noteable}",
            GitLab(GitLabEvents.Note, WebhookPayloads.Fill(WebhookPayloads.GitLabNoteHook, "https://g.example", "a/b", 1).Replace("@NOTEABLE@", noteable, StringComparison.Ordinal)).Ignored);

    [Fact]
    public void GitLabEmojiOnACommentOfAnIssue_ReadsTheIssue()
    {
        var json = WebhookPayloads.Fill(WebhookPayloads.GitLabEmojiHook, "https://g.example", "a/b", 9).Replace("@AWARDABLE@", "Note", StringComparison.Ordinal)
            .Replace("\"issue\":", "\"note\": { \"id\": 1241, \"noteable_type\": \"Issue\", \"note\": \"x\" }, \"issue\":", StringComparison.Ordinal);
        Assert.Equal(9, GitLab(GitLabEvents.Emoji, json).IssueNumber);
    }

    [Fact]
    public void GitLabEmojiOnAMergeRequestComment_IsIgnored()
    {
        var json = WebhookPayloads.Fill(WebhookPayloads.GitLabEmojiHook, "https://g.example", "a/b", 9).Replace("@AWARDABLE@", "Note", StringComparison.Ordinal)
            .Replace("\"issue\":", "\"note\": { \"id\": 1241, \"noteable_type\": \"MergeRequest\" }, \"merge_request\":", StringComparison.Ordinal);
        Assert.Equal("ignored: reaction on a comment of MergeRequest", GitLab(GitLabEvents.Emoji, json).Ignored);
    }

    [Fact]
    public void GitLabEmojiOnASnippet_IsIgnored() =>
        Assert.Equal(
            "ignored: reaction on Snippet",
            GitLab(GitLabEvents.Emoji, WebhookPayloads.Fill(WebhookPayloads.GitLabEmojiHook, "https://g.example", "a/b", 1).Replace("@AWARDABLE@", "Snippet", StringComparison.Ordinal)).Ignored);

    [Fact]
    public void GitLabIssueWithoutProject_IsMalformed() =>
        Assert.Equal("no project.path_with_namespace", GitLab(GitLabEvents.Issue, """{ "object_kind": "issue", "object_attributes": { "iid": 1 } }""").Malformed);

    [Fact]
    public void GitHubIssueComment_ReadsTheIssueNumber()
    {
        var delivery = GitHub(GitHubEvents.IssueComment, WebhookPayloads.Fill(WebhookPayloads.GitHubIssueComment, "https://github.com", "acme/widget", 12));
        Assert.Equal(("acme/widget", "https://github.com/acme/widget", 12L), (delivery.ProjectPath, delivery.ProjectWebUrl, delivery.IssueNumber));
    }

    [Fact]
    public void GitHubCommentOnPullRequest_IsIgnored() =>
        Assert.Equal(
            "ignored: comment on a pull request",
            GitHub(GitHubEvents.IssueComment, WebhookPayloads.Fill(WebhookPayloads.GitHubPullRequestComment, "https://github.com", "acme/widget", 12)).Ignored);

    private static IssueSyncOptions Trackers(params (string Name, string Kind, string ApiUrl)[] trackers)
    {
        var options = new IssueSyncOptions();
        foreach (var (name, kind, apiUrl) in trackers)
        {
            options.Trackers[name] = new TrackerOptions { Kind = kind, ApiUrl = apiUrl, Token = "t" };
        }

        return options;
    }

    [Theory]
    [InlineData("https://github.com/acme/widget", "public")]
    [InlineData("https://ghe.example.com/acme/widget", "ghe")]
    [InlineData("https://ghe.example.com/Acme/Widget/", "ghe")]
    [InlineData("https://gist.example.com/acme/widget", null)]
    [InlineData("https://github.com/other/widget", null)]
    public void GitHubTracker_IsFoundByTheRepositoryHost(string htmlUrl, string? expected)
    {
        var options = Trackers(("public", "GitHub", "https://api.github.com"), ("ghe", "GitHub", "https://ghe.example.com/api/v3"), ("lab", "GitLab", "https://ghe.example.com/api/v4"));
        Assert.Equal(expected is null ? null : new ProjectRef(expected, "acme/widget"), WebhookProjects.Find(options, TrackerKind.GitHub, "acme/widget", htmlUrl));
    }

    [Theory]
    [InlineData("https://git.example.com/dev/acme/gadget", "dev")]
    [InlineData("https://git.example.com/acme/gadget", "root")]
    [InlineData("https://git.example.com:8443/acme/gadget", null)]
    [InlineData("https://gitlab.com/acme/gadget", "com")]
    [InlineData(null, null)]
    public void GitLabTracker_IsFoundByHostAndPathPrefix(string? webUrl, string? expected)
    {
        var options = Trackers(("dev", "GitLab", "https://git.example.com/dev/api/v4"), ("root", "GitLab", "https://git.example.com/api/v4/"), ("com", "GitLab", "https://gitlab.com/api/v4"));
        Assert.Equal(expected is null ? null : new ProjectRef(expected, "acme/gadget"), WebhookProjects.Find(options, TrackerKind.GitLab, "acme/gadget", webUrl));
    }
}
