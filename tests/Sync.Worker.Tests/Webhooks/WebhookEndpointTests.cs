using System.Net;
using System.Net.Http.Json;
using System.Text;
using Sync.Core.Pipeline;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;
using Sync.Worker.Jobs;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Webhooks;

namespace Sync.Worker.Tests.Webhooks;

/// <summary>
/// The webhook endpoints of the real worker, against the demo configuration (products widget and gadget). The recurring
/// runs are a year apart: a scheduled run would take the pending triggers too, and which run took a delivery would vary.
/// </summary>
/// <remarks>
/// A delivery used to enqueue a job of its own. It now joins the pending trigger of its product and stage (one run for
/// every delivery pending), so these tests check the trigger it joined and the run that took its issue instead.
/// </remarks>
[Collection(HostCollection.Name)]
public sealed class WebhookEndpointTests(QuietWebhookHost host) : IClassFixture<QuietWebhookHost>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);

    private string GitHubWeb => new Uri(host.Sandbox, "github/").ToString();

    private string GitLabWeb => new Uri(host.Sandbox, "gitlab/").ToString();

    private string GitLabDevWeb => new Uri(host.Sandbox, "gitlab-dev/").ToString();

    private string GitHubIssue(string path, long number) => WebhookPayloads.Fill(WebhookPayloads.GitHubIssues, GitHubWeb, path, number);

    private static async Task<WebhookReply> ReplyOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<WebhookReply>(TestContext.Current.CancellationToken))!;

    private async Task<long> PendingDeliveriesAsync() =>
        (await host.Store.ListTriggersAsync(null, TestContext.Current.CancellationToken)).Sum(t => t.Deliveries);

    private async Task AssertNothingEnqueuedAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string result)
    {
        await host.DrainAsync();
        var burst = new WebhookBurst(host);
        var (jobs, pending) = (burst.TotalJobs(), await PendingDeliveriesAsync());
        using var response = await send();
        Assert.Equal(status, response.StatusCode);
        var reply = await ReplyOf(response);
        Assert.Equal(result, reply.Result);
        Assert.Null(reply.Triggers);
        Assert.Equal((jobs, pending), (burst.TotalJobs(), await PendingDeliveriesAsync()));
    }

    /// <summary>Posts with nothing else pending: the delivery enqueues the run, which takes its issue and succeeds.</summary>
    private async Task<WebhookTrigger> AssertQueuedAndRunAsync(Func<Task<HttpResponseMessage>> send, string product, string stage, string issue)
    {
        await host.DrainAsync();
        using var response = await send();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reply = await ReplyOf(response);
        Assert.Equal("accepted", reply.Result);
        var trigger = Assert.Single(reply.Triggers!);
        Assert.Equal((product, stage, "queued", 1), (trigger.Product, trigger.Stage, trigger.Outcome, trigger.Deliveries));
        Assert.Equal([trigger.Job!], reply.Jobs);
        var job = (await host.JobsAsync<TriggerRunJob>())[trigger.Job!];
        Assert.Equal([product, stage], job.Job.Args.Take(2));
        var run = await host.WaitForRunOfAsync(issue, JobTimeout);
        Assert.Equal((TriggerRunJob.Ran, 1), (run.Outcome, run.Deliveries));
        Assert.Equal([issue], run.Issues);
        return trigger;
    }

    [Fact]
    public async Task GitHubIssuesEvent_EnqueuesTheRiceRunOfWidget_WhichTakesTheIssue() =>
        await AssertQueuedAndRunAsync(() => host.PostGitHubAsync("issues", GitHubIssue("acme/widget", 3)), "widget", PipelineStages.Rice, "github:acme/widget#3");

    [Fact]
    public async Task GitHubCommentOnPullRequest_IsIgnored_AndEnqueuesNothing() =>
        await AssertNothingEnqueuedAsync(
            () => host.PostGitHubAsync("issue_comment", WebhookPayloads.Fill(WebhookPayloads.GitHubPullRequestComment, GitHubWeb, "acme/widget", 40)),
            HttpStatusCode.Accepted,
            "ignored: comment on a pull request");

    [Fact]
    public async Task GitHubCommentOnIssue_OfAPrivateSource_EnqueuesTheMoveRunOfWidget() =>
        await AssertQueuedAndRunAsync(
            () => host.PostGitHubAsync("issue_comment", WebhookPayloads.Fill(WebhookPayloads.GitHubIssueComment, GitHubWeb, "acme/widget-private", 41)),
            "widget",
            PipelineStages.Move,
            "github:acme/widget-private#41");

    [Fact]
    public async Task GitHubBadSignature_Is401_AndEnqueuesNothing()
    {
        var body = GitHubIssue("acme/widget", 42);
        var wrong = GitHubWebhookSigner.Sign(Encoding.UTF8.GetBytes(body), "another-secret-of-some-length");
        await AssertNothingEnqueuedAsync(() => host.PostGitHubAsync("issues", body, signature: wrong), HttpStatusCode.Unauthorized, "rejected: bad signature");
    }

    [Fact]
    public async Task GitHubMissingSignature_Is401_AndEnqueuesNothing() =>
        await AssertNothingEnqueuedAsync(() => host.PostGitHubAsync("issues", GitHubIssue("acme/widget", 43), sign: false), HttpStatusCode.Unauthorized, "rejected: missing signature");

    [Fact]
    public async Task GitHubSameDeliveryTwice_SecondIsADuplicate_AndTheTriggerCountsOne()
    {
        await using (await host.HoldProductAsync("widget"))
        {
            var delivery = Guid.NewGuid().ToString();
            using var first = await host.PostGitHubAsync("issues", GitHubIssue("acme/widget", 5), delivery);
            using var second = await host.PostGitHubAsync("issues", GitHubIssue("acme/widget", 5), delivery);

            Assert.Equal("accepted", (await ReplyOf(first)).Result);
            Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
            var duplicate = await ReplyOf(second);
            Assert.Equal("duplicate", duplicate.Result);
            Assert.Null(duplicate.Jobs);
            Assert.Null(duplicate.Triggers);
            var pending = await host.PendingAsync("widget", PipelineStages.Rice);
            Assert.Equal(1, pending!.Deliveries);
            Assert.Equal(["github:acme/widget#5"], pending.Issues);
        }

        Assert.Equal(1, (await host.WaitForRunOfAsync("github:acme/widget#5", JobTimeout)).Deliveries);
    }

    [Fact]
    public async Task GitHubSameBodyUnderANewDeliveryId_IsAReplay_AndTheTriggerCountsOne()
    {
        // A captured delivery keeps its valid signature whatever X-GitHub-Delivery says.
        var body = GitHubIssue("acme/widget", 7);
        await using (await host.HoldProductAsync("widget"))
        {
            using var first = await host.PostGitHubAsync("issues", body, Guid.NewGuid().ToString());
            Assert.Equal("accepted", (await ReplyOf(first)).Result);
            using var replay = await host.PostGitHubAsync("issues", body, Guid.NewGuid().ToString());

            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
            Assert.Equal(new WebhookReply("duplicate"), await ReplyOf(replay));
            Assert.Equal(1, (await host.PendingAsync("widget", PipelineStages.Rice))!.Deliveries);
        }

        Assert.Equal(1, (await host.WaitForRunOfAsync("github:acme/widget#7", JobTimeout)).Deliveries);
    }

    [Fact]
    public async Task GitHubTwoChangesOfOneIssue_DifferInTheirBodies_AndBothJoinOneRun()
    {
        var body = GitHubIssue("acme/widget", 8);
        await using (await host.HoldProductAsync("widget"))
        {
            using var first = await host.PostGitHubAsync("issues", body);
            using var second = await host.PostGitHubAsync("issues", body.Replace("2024-06-02T10:00:00Z", "2024-06-02T10:05:00Z", StringComparison.Ordinal));

            var (one, two) = (await ReplyOf(first), await ReplyOf(second));
            Assert.Equal(("accepted", "queued"), (one.Result, Assert.Single(one.Triggers!).Outcome));
            Assert.Equal("accepted", two.Result);
            Assert.Contains(Assert.Single(two.Triggers!).Outcome, new[] { "merged", "waiting" });
            Assert.Null(two.Jobs);
            Assert.Equal(2, two.Triggers![0].Deliveries);
        }

        var run = await host.WaitForRunOfAsync("github:acme/widget#8", JobTimeout);
        Assert.Equal(2, run.Deliveries);
        Assert.Equal(["github:acme/widget#8"], run.Issues);
    }

    [Fact]
    public async Task GitHubBodyOverTheLimit_Is413()
    {
        var body = GitHubIssue("acme/widget", 44).Replace("\"body\": \"I'm having a problem with this.\"", $"\"body\": \"{new string('x', WebhookHost.MaxBodyBytes)}\"", StringComparison.Ordinal);
        await AssertNothingEnqueuedAsync(() => host.PostGitHubAsync("issues", body), HttpStatusCode.RequestEntityTooLarge, "rejected: body too large");
    }

    [Fact]
    public async Task GitHubChunkedBodyOverTheLimit_Is413_WhileReading()
    {
        var bytes = Encoding.UTF8.GetBytes(new string(' ', WebhookHost.MaxBodyBytes + 1));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new StreamContent(new MemoryStream(bytes)) };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-GitHub-Event", "issues");
        request.Headers.Add("X-Hub-Signature-256", GitHubWebhookSigner.Sign(bytes, WebhookHost.GitHubSecret));
        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task GitHubUnknownEvent_IsIgnored() =>
        await AssertNothingEnqueuedAsync(() => host.PostGitHubAsync("push", """{ "ref": "refs/heads/main" }"""), HttpStatusCode.Accepted, "ignored: push");

    [Fact]
    public async Task GitHubPing_AnswersPong() =>
        await AssertNothingEnqueuedAsync(() => host.PostGitHubAsync("ping", WebhookPayloads.GitHubPing), HttpStatusCode.Accepted, "pong");

    [Fact]
    public async Task GitHubRepositoryNotConfigured_IsIgnored() =>
        await AssertNothingEnqueuedAsync(() => host.PostGitHubAsync("issues", GitHubIssue("acme/unrelated", 1)), HttpStatusCode.Accepted, "ignored: project not configured");

    [Fact]
    public async Task GitHubMalformedJson_Is400() =>
        await AssertNothingEnqueuedAsync(() => host.PostGitHubAsync("issues", """{ "issue": { "number": 3 """), HttpStatusCode.BadRequest, "malformed: invalid JSON (line 0, byte 25)");

    [Fact]
    public async Task GitLabNoteOnASourceIssue_EnqueuesTheMoveRunOfGadget()
    {
        var body = WebhookPayloads.Fill(WebhookPayloads.GitLabNoteHook, GitLabDevWeb, "acme/gadget-dev", 2).Replace("@NOTEABLE@", "Issue", StringComparison.Ordinal);
        await AssertQueuedAndRunAsync(() => host.PostGitLabAsync("Note Hook", body), "gadget", PipelineStages.Move, "dev:acme/gadget-dev#2");

        var gadget = host.Host.Services.GetRequiredService<ProductCatalog>().Get("gadget");
        Assert.Equal(PipelineStages.Move, ResyncStage.For(gadget, IssueRef.Parse("dev:acme/gadget-dev#2")));
    }

    [Fact]
    public async Task GitLabWrongToken_Is401_AndEnqueuesNothing()
    {
        var body = WebhookPayloads.Fill(WebhookPayloads.GitLabIssueHook, GitLabWeb, "acme/gadget", 50);
        await AssertNothingEnqueuedAsync(() => host.PostGitLabAsync("Issue Hook", body, token: "gitlab-webhook-secret-for-testz"), HttpStatusCode.Unauthorized, "rejected: bad token");
        await AssertNothingEnqueuedAsync(() => host.PostGitLabAsync("Issue Hook", body, token: null), HttpStatusCode.Unauthorized, "rejected: missing token");
    }

    [Fact]
    public async Task GitLabEmojiOnAPublicIssue_EnqueuesTheRiceRunOfGadget()
    {
        var body = WebhookPayloads.Fill(WebhookPayloads.GitLabEmojiHook, GitLabWeb, "acme/gadget", 4).Replace("@AWARDABLE@", "Issue", StringComparison.Ordinal);
        await AssertQueuedAndRunAsync(() => host.PostGitLabAsync("Emoji Hook", body), "gadget", PipelineStages.Rice, "gitlab:acme/gadget#4");
    }

    [Fact]
    public async Task GitLabConfidentialIssue_IsAcceptedLikeAnyOther() =>
        await AssertQueuedAndRunAsync(
            () => host.PostGitLabAsync("Confidential Issue Hook", WebhookPayloads.Fill(WebhookPayloads.GitLabIssueHook, GitLabDevWeb, "acme/gadget-dev", 51)),
            "gadget",
            PipelineStages.Move,
            "dev:acme/gadget-dev#51");

    [Fact]
    public async Task GitLabSameEventUuidTwice_SecondIsADuplicate()
    {
        var uuid = Guid.NewGuid().ToString();
        var body = WebhookPayloads.Fill(WebhookPayloads.GitLabIssueHook, GitLabWeb, "acme/gadget", 52);
        using var first = await host.PostGitLabAsync("Issue Hook", body, eventUuid: uuid);
        Assert.Equal("accepted", (await ReplyOf(first)).Result);
        await AssertNothingEnqueuedAsync(() => host.PostGitLabAsync("Issue Hook", body, eventUuid: uuid), HttpStatusCode.Accepted, "duplicate");
    }

    [Fact]
    public async Task GitLabSameBodyUnderNewDeliveryIds_IsAReplay_AndTheTriggerCountsOne()
    {
        // GitLab's token is a static header, so anyone who saw one delivery can resend it with fresh ids.
        var body = WebhookPayloads.Fill(WebhookPayloads.GitLabIssueHook, GitLabWeb, "acme/gadget", 54);
        await using (await host.HoldProductAsync("gadget"))
        {
            using var first = await host.PostGitLabAsync("Issue Hook", body, eventUuid: Guid.NewGuid().ToString());
            Assert.Equal("accepted", (await ReplyOf(first)).Result);
            using var second = await host.PostGitLabAsync("Issue Hook", body, eventUuid: Guid.NewGuid().ToString());
            using var third = await host.PostGitLabAsync("Issue Hook", body, eventUuid: Guid.NewGuid().ToString(), idempotencyKey: Guid.NewGuid().ToString());

            Assert.Equal(new WebhookReply("duplicate"), await ReplyOf(second));
            Assert.Equal(new WebhookReply("duplicate"), await ReplyOf(third));
            Assert.Equal(1, (await host.PendingAsync("gadget", PipelineStages.Rice))!.Deliveries);
        }

        Assert.Equal(1, (await host.WaitForRunOfAsync("gitlab:acme/gadget#54", JobTimeout)).Deliveries);
    }

    [Fact]
    public async Task GitLabProjectOnAnotherInstance_IsNotConfigured()
    {
        // acme/gadget exists on the "gitlab" tracker, not on "dev": the web URL decides which tracker sent it.
        var body = WebhookPayloads.Fill(WebhookPayloads.GitLabIssueHook, GitLabDevWeb, "acme/gadget", 53);
        await AssertNothingEnqueuedAsync(() => host.PostGitLabAsync("Issue Hook", body), HttpStatusCode.Accepted, "ignored: project not configured");
    }

    [Fact]
    public async Task GitLabMalformedJson_Is400() =>
        await AssertNothingEnqueuedAsync(() => host.PostGitLabAsync("Issue Hook", "{ \"object_kind\": "), HttpStatusCode.BadRequest, "malformed: invalid JSON (line 0, byte 17)");

    [Fact]
    public async Task GitLabPushAndMergeRequestNotes_AreIgnored()
    {
        await AssertNothingEnqueuedAsync(
            () => host.PostGitLabAsync("Push Hook", WebhookPayloads.Fill(WebhookPayloads.GitLabPushHook, GitLabWeb, "acme/gadget", 1)),
            HttpStatusCode.Accepted,
            "ignored: Push Hook");
        await AssertNothingEnqueuedAsync(
            () => host.PostGitLabAsync("Note Hook", WebhookPayloads.Fill(WebhookPayloads.GitLabNoteHook, GitLabWeb, "acme/gadget", 1).Replace("@NOTEABLE@", "MergeRequest", StringComparison.Ordinal)),
            HttpStatusCode.Accepted,
            "ignored: comment on MergeRequest");
    }

    [Fact]
    public void Secrets_AreNeverPrinted()
    {
        Assert.DoesNotContain(WebhookHost.GitHubSecret, host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookHost.GitLabSecret, host.Output, StringComparison.Ordinal);
    }
}
