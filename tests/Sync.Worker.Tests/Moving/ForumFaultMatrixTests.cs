using System.Text;
using Sync.Core.Forums;
using Sync.Core.Moving;
using Sync.Core.Moving.Planning;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Trackers;
using Sync.Worker.Trackers.CsvImport;

namespace Sync.Worker.Tests.Moving;

/// <summary>
/// The move fault matrix for each forum source, over real HTTP: at each write of a forum idea's move (the public issue,
/// a copied reply, the "Moved to" reply on the forum, closing the idea) the tracker commits the write and its answer is
/// lost (connection dropped, 502, no answer before the client's timeout); then the move runs again. Whatever happened,
/// the public project ends with one copy holding each reply once and nothing private, and the forum with one notice and
/// the idea closed.
/// </summary>
public sealed class ForumFaultMatrixTests(LostAnswerTests.SandboxFixture fixture) : IClassFixture<LostAnswerTests.SandboxFixture>
{
    private const string InternalHost = "intranet.acme.example";
    private const string Token = "glpat-AbCdEf0123456789abcd";
    private static int _case;

    public static TheoryData<string, SandboxFaultKind, string> Matrix
    {
        get
        {
            var data = new TheoryData<string, SandboxFaultKind, string>();
            foreach (var kind in new[] { SandboxFaultKind.CommitThenDrop, SandboxFaultKind.CommitThenError, SandboxFaultKind.CommitThenHang })
            {
                foreach (var forum in new[] { "discussions", "discourse" })
                {
                    foreach (var point in new[] { "issue", "reply 2", "notice", "close" })
                    {
                        data.Add(forum, kind, point);
                    }
                }

                data.Add("csv", kind, "issue");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Move_ForumIdea_WhenAWritesAnswerIsLostAfterTheCommit_ThereIsStillOneOfEverything(string forum, SandboxFaultKind kind, string point)
    {
        var ct = TestContext.Current.CancellationToken;
        var sandbox = fixture.Sandbox;
        var n = Interlocked.Increment(ref _case);
        var dstPath = $"acme/forum-dst-{n}";
        var target = forum == "discourse" ? sandbox.GitLab : sandbox.GitHub;
        target.CreateProject(dstPath, isPrivate: false);
        var body = $"Please add dark mode. Our key {Token} is on http://{InternalHost}/wiki/dark and @everyone agrees.";
        var store = new SqliteStateStore(InProcessApp.TempPath("state.db"));
        await store.MigrateAsync(ct);
        await using var services = Services(sandbox, target, store);
        var trackers = services.GetRequiredService<ITrackerRegistry>();

        var (project, readForum) = forum switch
        {
            "discussions" => SeedDiscussion(sandbox, n, body),
            "discourse" => SeedDiscourse(sandbox, n, body),
            _ => await SeedCsvAsync(store, n, body, ct),
        };
        if (Fault(kind, forum, point, target, dstPath) is var (instance, fault))
        {
            sandbox.Control.InjectFault(instance, fault);
        }

        var product = new ProductDefinition($"forum{n}", new ProjectRef("pub", dstPath), [])
        {
            Forums = [new SourceRule(project) { Rules = new ForumRules { RetryAfter = TimeSpan.Zero } }],
            Redaction = new RedactionRules([], [InternalHost]),
        };
        var step = new MoveStep(trackers, store, store, new MovePlanner(), TimeProvider.System);

        var first = await step.RunAsync(new PipelineContext(product, false, new WriteJournal()), ct);
        var second = await step.RunAsync(new PipelineContext(product, false, new WriteJournal()), ct);

        var why = $"{forum} {kind} at {point}: {string.Join(" | ", first.Lines.Concat(second.Lines))}";
        Assert.True(sandbox.Control.PendingFaults == 0, $"the fault never struck: {why}");
        var copy = Assert.Single(target.Issues(dstPath), i => i.Description?.Contains("issuesync:moved-from", StringComparison.Ordinal) == true);
        Assert.StartsWith("> Moved from the feature forum · originally opened by **", copy.Description, StringComparison.Ordinal);
        var replies = target.Notes(dstPath, copy.Number).Where(c => c.Body.Contains("issuesync:comment", StringComparison.Ordinal)).Select(c => c.Body).ToList();
        var expectedReplies = forum == "csv" ? 0 : 2;
        Assert.True(replies.Count == expectedReplies, why);
        if (forum != "csv")
        {
            Assert.Single(replies, c => c.Contains("Me too", StringComparison.Ordinal));
            Assert.Single(replies, c => c.Contains("Same here", StringComparison.Ordinal));
        }

        // Nothing private: the secret, the internal host and a live mass mention never reach the public copy.
        var published = copy.Title + copy.Description + string.Concat(replies);
        Assert.DoesNotContain(Token, published, StringComparison.Ordinal);
        Assert.DoesNotContain(InternalHost, published, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" @everyone", published, StringComparison.Ordinal);

        var (closed, notices) = await readForum(trackers, ct);
        Assert.True(closed, why);
        Assert.True(notices.Count(b => b.StartsWith("Moved to ", StringComparison.Ordinal) && b.Contains(dstPath, StringComparison.Ordinal)) == 1, why);
    }

    private static (ProjectRef, Func<ITrackerRegistry, CancellationToken, Task<(bool, IReadOnlyList<string>)>>) SeedDiscussion(SandboxServer sandbox, int n, string body)
    {
        var repo = $"acme/ideas-{n}";
        var hub = sandbox.GitHub;
        hub.CreateProject(repo, isPrivate: false);
        hub.CreateDiscussionCategory(repo, "Ideas");
        var idea = hub.AddDiscussion(repo, "ideas", "Dark mode", body, "alice.martin");
        hub.AddDiscussionComment(repo, idea.Number, "Me too, at night.", "bob.chen");
        hub.AddDiscussionComment(repo, idea.Number, "Same here.", "carol.diaz");
        hub.UpvoteDiscussion(repo, idea.Number, "bob.chen", "carol.diaz", "dev.patel");
        return (new ProjectRef("ideas", $"{repo}/ideas"), (_, _) =>
        {
            lock (hub.Sync)
            {
                var read = hub.Discussion(repo, idea.Number);
                IReadOnlyList<string> bodies = [.. read.Comments.Select(c => c.Body)];
                return Task.FromResult((read.Closed, bodies));
            }
        });
    }

    private static (ProjectRef, Func<ITrackerRegistry, CancellationToken, Task<(bool, IReadOnlyList<string>)>>) SeedDiscourse(SandboxServer sandbox, int n, string body)
    {
        var forum = sandbox.Discourse;
        var category = $"wishes-{n}";
        forum.AddCategory(category, $"Wishes {n}");
        var topic = forum.AddTopic(category, "Dark mode", body, "ann");
        forum.AddPost(topic.Id, "Me too, at night.", "bob");
        forum.AddPost(topic.Id, "Same here.", "cy");
        forum.Vote(topic.Id, "bob", "cy", "dee");
        return (new ProjectRef("forum", $"c/{category}"), (_, _) =>
        {
            var read = forum.Topic(topic.Id);
            IReadOnlyList<string> bodies = [.. read.Posts.Select(p => p.Raw)];
            return Task.FromResult((read.Closed, bodies));
        });
    }

    private static async Task<(ProjectRef, Func<ITrackerRegistry, CancellationToken, Task<(bool, IReadOnlyList<string>)>>)> SeedCsvAsync(IDocumentStore store, int n, string body, CancellationToken ct)
    {
        var product = $"forum{n}";
        var csv = $"title,body,author,votes\nDark mode,\"{body}\",Jane Doe,12\n";
        var parsed = CsvIdeaFile.Parse("ideas.csv", Encoding.UTF8.GetBytes(csv), TimeProvider.System.GetUtcNow());
        Assert.True(parsed.Valid, string.Join(" | ", parsed.Errors));
        var book = new CsvIdeaBook(store, TimeProvider.System);
        await book.ImportAsync(await book.PlanAsync(product, parsed.Ideas, ct), ct);
        var project = CsvImports.ProjectOf(product);
        return (project, async (trackers, token) =>
        {
            var client = trackers.Get(project.Tracker);
            var idea = await client.GetIssueAsync(project.Path, 1, token);
            var comments = await client.ListCommentsAsync(project.Path, 1, token).Select(c => c.Body).ToListAsync(token);
            return (idea.State == IssueState.Closed, comments);
        });
    }

    /// <summary>Where the fault strikes: the public tracker's issue or second copied reply, the forum's notice or close.</summary>
    private static (string Instance, SandboxFault Fault)? Fault(SandboxFaultKind kind, string forum, string point, SandboxInstance target, string dstPath)
    {
        var onGitLab = target.Kind == "GitLab";
        var project = onGitLab ? Uri.EscapeDataString(dstPath) : dstPath;
        return (forum, point) switch
        {
            (_, "issue") => (target.Name, new SandboxFault(kind, Endpoint: onGitLab ? "POST /projects/:id/issues" : "POST /repos/:owner/:repo/issues", PathContains: project)),
            (_, "reply 2") => (target.Name, new SandboxFault(kind, Skip: 1, Endpoint: onGitLab ? "POST /projects/:id/issues/:iid/notes" : "POST /repos/:owner/:repo/issues/:number/comments", PathContains: project)),
            ("discussions", "notice") => ("github", new SandboxFault(kind, Operation: "addDiscussionComment")),
            ("discussions", "close") => ("github", new SandboxFault(kind, Operation: "closeDiscussion")),
            ("discourse", "notice") => ("discourse", new SandboxFault(kind, Endpoint: "POST /posts.json")),
            ("discourse", "close") => ("discourse", new SandboxFault(kind, Endpoint: "PUT /t/:id/status")),
            _ => null,
        };
    }

    /// <summary>The real clients with a short attempt timeout (so "no answer" ends quickly) and no write pacing.</summary>
    private static ServiceProvider Services(SandboxServer sandbox, SandboxInstance target, SqliteStateStore store)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDocumentStore>(store);
        services.AddSingleton<ICursorStore>(store);
        services.AddTrackerInfrastructure();
        var resilience = new TrackerResilienceOptions(
            MaxRetryAttempts: 2, BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(20),
            AttemptTimeout: TimeSpan.FromSeconds(1), TotalTimeout: TimeSpan.FromSeconds(10));
        Add(services, "pub", target.Kind == "GitLab" ? TrackerKind.GitLab : TrackerKind.GitHub, target.ApiUrl, target.Token, resilience);
        Add(services, "ideas", TrackerKind.GitHubDiscussions, sandbox.GitHub.ApiUrl, sandbox.GitHub.Token, resilience);
        Add(services, "forum", TrackerKind.Discourse, sandbox.Discourse.Root, sandbox.Discourse.ApiKey, resilience, "forum-admin");
        services.AddSingleton(new TrackerRegistration(CsvImportDialect.TrackerName, TrackerKind.CsvImport, CsvImportDialect.Root));
        return services.BuildServiceProvider();
    }

    private static void Add(ServiceCollection services, string name, TrackerKind kind, Uri apiUrl, string token, TrackerResilienceOptions resilience, string? username = null)
    {
        var limits = TrackerLimitsOptions.ForKind(kind) with
        {
            WritesPerMinute = 100_000, WritesPerHour = 1_000_000, IssueCreatesPerMinute = 100_000, NoteCreatesPerMinute = 100_000, MinWriteSpacing = TimeSpan.Zero,
            SerialWrites = false, RequestsPerMinute = 0,
        };
        services.AddTrackerClient(name, kind, apiUrl, token, resilience, limits, username);
    }
}
