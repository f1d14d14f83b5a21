using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sync.Core.Trackers;
using Sync.Sandbox.Tests.Schemas.Validation;
using Sync.Sandbox.Tests.Support;
using Sync.Worker.Trackers;

namespace Sync.Sandbox.Tests.Schemas.Tests;

/// <summary>
/// IssueSync's own GitLab and GitHub clients, with a schema check on every answer they receive from the sandbox: each
/// answer must satisfy the tracker's published schema, and each route they call must be mapped to one (or to a
/// stated reason why it has none), so a route the clients start calling cannot slip past the schema tests.
/// </summary>
public sealed class ClientSchemaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GitLabClient_EveryAnswerItReceives_SatisfiesGitLabsPublishedSchemas()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), Ct);
        var checker = new SchemaChecker(SchemaCatalog.Shared);
        await using var services = Services(checker, "dev", TrackerKind.GitLab, sandbox.GitLabDev);
        var client = services.GetRequiredService<ITrackerRegistry>().Get("dev");
        const string Project = "acme/widget";

        await client.GetCurrentUserAsync(Ct);
        var milestone = await client.CreateMilestoneAsync(Project, new TrackerMilestone(0, "Schema milestone", DueDate: new DateOnly(2026, 6, 30)), Ct);
        var label = await client.CreateLabelAsync(Project, new TrackerLabel("schema::checked", "#AA00BB", "made by a test"), Ct);
        var labels = await client.ListLabelsAsync(Project, Ct).ToListAsync(Ct);
        var issue = await client.CreateIssueAsync(Project, new NewIssue("Schema check", "body", [label.Name], milestone.Id), Ct);
        await client.EditIssueAsync(Project, issue.Ref.Number, new IssueEdit(AddLabels: [labels[0].Name], State: IssueState.Closed), Ct);
        await client.GetIssueAsync(Project, issue.Ref.Number, Ct);
        await client.ListIssuesAsync(Project, new IssueQuery(), Ct).ToListAsync(Ct);
        var comment = await client.CreateCommentAsync(Project, issue.Ref.Number, "a comment", isInternal: false, Ct);
        await client.EditCommentAsync(Project, issue.Ref.Number, comment.Id, "an edited comment", Ct);
        await client.ListCommentsAsync(Project, 6, Ct).ToListAsync(Ct);
        await client.ListIssueReactionsAsync(Project, 1, Ct).ToListAsync(Ct);
        await client.ListCommentReactionsAsync(Project, issue.Ref.Number, comment.Id, Ct).ToListAsync(Ct);
        await client.ListVoteSignalsAsync(Project, new VoteSignalQuery(), Ct).ToListAsync(Ct);
        await client.ListMilestonesAsync(Project, Ct).ToListAsync(Ct);
        var upload = await client.Uploads().UploadFileAsync(Project, "shot.png", new MemoryStream([1, 2, 3]), Ct);
        await client.Uploads().DownloadUploadAsync(Project, upload.Url, Ct);
        await client.Boards().EnsureBoardAsync(Project, "Schema board", [labels[0].Name, labels[1].Name], Ct);
        await client.Boards().EnsureBoardAsync(Project, "Schema board", [labels[1].Name], Ct);

        AssertChecked(checker, sandbox, "gitlab-dev", "gitlab");
    }

    [Fact]
    public async Task GitHubClient_EveryAnswerItReceives_SatisfiesGitHubsOpenApiDescription()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), Ct);
        var checker = new SchemaChecker(SchemaCatalog.Shared);
        await using var services = Services(checker, "hub", TrackerKind.GitHub, sandbox.GitHub);
        var client = services.GetRequiredService<ITrackerRegistry>().Get("hub");
        const string Repo = "acme/widget";

        await client.GetCurrentUserAsync(Ct);
        var milestone = await client.CreateMilestoneAsync(Repo, new TrackerMilestone(0, "Schema milestone", DueDate: new DateOnly(2026, 6, 30)), Ct);
        var label = await client.CreateLabelAsync(Repo, new TrackerLabel("schema-checked", "aa00bb", "made by a test"), Ct);
        var labels = await client.ListLabelsAsync(Repo, Ct).ToListAsync(Ct);
        var issue = await client.CreateIssueAsync(Repo, new NewIssue("Schema check", "body", [label.Name], milestone.Id), Ct);
        await client.EditIssueAsync(Repo, issue.Ref.Number, new IssueEdit(AddLabels: [labels[0].Name], RemoveLabels: [label.Name]), Ct);
        await client.EditIssueAsync(Repo, issue.Ref.Number, new IssueEdit(State: IssueState.Closed), Ct);
        await client.GetIssueAsync(Repo, issue.Ref.Number, Ct);
        await client.ListIssuesAsync(Repo, new IssueQuery(), Ct).ToListAsync(Ct);
        var comment = await client.CreateCommentAsync(Repo, issue.Ref.Number, "a comment", isInternal: false, Ct);
        await client.EditCommentAsync(Repo, issue.Ref.Number, comment.Id, "an edited comment", Ct);
        await client.ListCommentsAsync(Repo, 1, Ct).ToListAsync(Ct);
        await client.ListIssueReactionsAsync(Repo, 1, Ct).ToListAsync(Ct);
        await client.ListCommentReactionsAsync(Repo, issue.Ref.Number, comment.Id, Ct).ToListAsync(Ct);
        await client.ListVoteSignalsAsync(Repo, new VoteSignalQuery(Comments: true), Ct).ToListAsync(Ct);
        await client.ListMilestonesAsync(Repo, Ct).ToListAsync(Ct);

        AssertChecked(checker, sandbox, "github", "github");
    }

    private static ServiceProvider Services(SchemaChecker checker, string name, TrackerKind kind, SandboxInstance instance)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new SchemaValidatingHandler(checker)));
        services.AddTrackerInfrastructure();
        services.AddTrackerClient(name, kind, instance.ApiUrl, instance.Token, TrackerResilienceOptions.Default, TrackerLimitsOptions.ForKind(kind));
        return services.BuildServiceProvider();
    }

    /// <summary>No violation, and every route the sandbox counted for the client is one the checker knows.</summary>
    private static void AssertChecked(SchemaChecker checker, SandboxServer sandbox, string instance, string tracker)
    {
        foreach (var (key, count) in checker.Validated.Concat(checker.Unchecked).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{key}: {count} {(checker.Validated.ContainsKey(key) ? "validated" : "no schema")}");
        }

        checker.AssertNoFailures();
        var served = sandbox.Stats.Snapshot().Instances[instance].Keys;
        var unmapped = served.Where(endpoint => SchemaRoutes.Find(tracker, endpoint) is null).ToList();
        Assert.True(unmapped.Count == 0, "routes the client called that have no schema mapping:\n" + string.Join('\n', unmapped));
        var seen = checker.Validated.Keys.Concat(checker.Unchecked.Keys).Select(k => k[(tracker.Length + 1)..k.IndexOf(" → ", StringComparison.Ordinal)]).ToHashSet();
        Assert.Equal(served.Order(StringComparer.Ordinal), seen.Where(served.Contains).Order(StringComparer.Ordinal));
    }
}
