using System.Globalization;
using Sync.Bench.Support;
using Sync.Core.Inventory;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;

namespace Sync.Bench.Requests;

/// <summary>What one scenario cost and the least it could have cost.</summary>
/// <param name="Aim">A goal an issue set in requests, where it is above the minimum (the row is judged against it).</param>
internal sealed record ScenarioSample(RequestScenario Scenario, RequestCount Count, long Minimum, long? Aim = null);

internal enum RequestScenario
{
    FirstSync,
    IdleResync,
    ChangedResync,
    IdleVotes,
    ChangedVotes,
    IdleRiceRoadmap,
}

/// <summary>
/// The five request-efficiency scenarios, in order, against one tracker of a fresh sandbox (each builds on the
/// state the previous one left: the first full listing, then its settled cursor, ...).
/// </summary>
internal static class RequestScenarios
{
    public const string Project = "acme/bulk";

    private const int PageSize = 100;

    public static async Task<IReadOnlyList<ScenarioSample>> RunAsync(
        SandboxServer sandbox, string tracker, BenchClock clock, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(log);
        var gitLab = tracker == "gitlab";
        var instance = gitLab ? sandbox.GitLab : sandbox.GitHub;
        var kind = gitLab ? TrackerKind.GitLab : TrackerKind.GitHub;
        await using var harness = await RequestBenchHarness.CreateAsync(sandbox, instance, tracker, kind, clock, cancellationToken);
        var store = harness.Store;
        var product = new ProductDefinition("bulk", new ProjectRef(tracker, Project), []);
        var inventory = new InventoryStep(harness.Trackers, store, clock);
        var votes = new VotesStep(harness.Trackers, store, store, store, store, clock, p => p.Votes);
        var rice = new RiceStep(harness.Trackers, store, store, store, clock, p => p.Rice);
        var roadmap = new RoadmapStep(harness.Trackers, store, store, store, store, new UnconfiguredProjectBoards(), clock, p => p.Roadmap);
        var samples = new List<ScenarioSample>();
        var issues = instance.Issues(Project).Count;

        Task Run(IPipelineStep step, ProductDefinition on) => RunIn(step, new PipelineContext(on, DryRun: false, new WriteJournal()));

        // The steps of one pass share its context (and so its listings, issue 17), as the pipeline runs them.
        Task RunIn(IPipelineStep step, PipelineContext pass) => step.RunAsync(pass, cancellationToken);

        void Settle() => clock.Advance(IncrementalCursor.SettleMargin + TimeSpan.FromMinutes(1));

        async Task Measure(RequestScenario scenario, long minimum, Func<Task> action, long? aim = null)
        {
            var count = await harness.MeasureAsync(action);
            samples.Add(new ScenarioSample(scenario, count, minimum, aim));
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {tracker}: {scenario}: {count.Sandbox} request(s) ({count.SandboxWrites} write(s)), minimum {minimum}"));
        }

        // 1. Everything is new: every page of the listing, nothing else.
        await Measure(RequestScenario.FirstSync, Pages(issues), () => Run(inventory, product));

        // 2. Nothing changed since a settled cursor: one (empty) page.
        Settle();
        await Measure(RequestScenario.IdleResync, 1, () => Run(inventory, product));

        // 3. 1 % of the issues are edited (a title change bumps updated_at), one timestamp unit apart.
        var changed = Math.Max(1, issues / 100);
        var stride = Math.Max(1, issues / changed);
        for (var i = 1; i <= changed; i++)
        {
            clock.Advance(IncrementalCursor.Resolution(kind));
            var edited = instance.Issue(Project, i * stride);
            lock (instance.Sync)
            {
                edited.Title += " (edited)";
                edited.UpdatedAt = clock.GetUtcNow();
            }
        }

        await Measure(RequestScenario.ChangedResync, Pages(changed), () => Run(inventory, product));

        // 4. Votes: a first pass counts everything; a pass with no vote change reads every open issue's vote signal in
        // bulk (GitHub: every listing page, each answered 304; GitLab: every GraphQL page) and fetches no voter list.
        clock.Advance(TimeSpan.FromSeconds(5));
        await Run(votes, product);
        Settle();
        var open = instance.Issues(Project).Count(i => !i.Closed && !i.IsPullRequest); // the votes read the open issues only
        var signalPages = gitLab ? GitLabSignalPages(open) : Pages(open);
        // Issue 15's aim for GitLab: at most 200 requests for 10,000 open issues (GitHub's is its page count, the minimum).
        await Measure(RequestScenario.IdleVotes, signalPages, () => Run(votes, product), gitLab ? 200L * open / 10_000 : null);

        // 1 % of the issues get a vote (which bumps nothing): the same bulk read, plus at most one voter list each.
        var vote = gitLab ? "thumbsup_tone2" : "+1";
        for (var i = 1; i <= changed; i++)
        {
            instance.AddAward(Project, (i * stride) - 1, vote, "zed.newvoter");
        }

        Settle();
        await Measure(RequestScenario.ChangedVotes, signalPages + changed, () => Run(votes, product));

        // 5. RICE + roadmap: the first pass writes labels, comments and the roadmap issue; the second lists those
        // writes (and writes nothing); the third is what an idle scheduled pass costs. Passes are spaced beyond the
        // settle margin, as the schedules (every 30 and 60 minutes) space them.
        var planned = product with { Rice = new RiceRules(), Roadmap = new RoadmapRules() };
        for (var pass = 0; pass < 2; pass++)
        {
            Settle();
            var context = new PipelineContext(planned, DryRun: false, new WriteJournal());
            await RunIn(votes, context);
            await RunIn(rice, context);
            await RunIn(roadmap, context);
        }

        Settle();
        var idle = new PipelineContext(planned, DryRun: false, new WriteJournal());
        await Measure(RequestScenario.IdleRiceRoadmap, 1, async () =>
        {
            await RunIn(rice, idle);
            await RunIn(roadmap, idle);
        });
        return samples;
    }

    private static long Pages(long items) => Math.Max(1, (items + PageSize - 1) / PageSize);

    /// <summary>GitLab GraphQL pages of vote signals: the page size GitLab's query complexity limit (250) allows.</summary>
    private static long GitLabSignalPages(long items) =>
        Math.Max(1, (items + Sync.Worker.Trackers.GitLab.GitLabVoteSignalDocument.IssuesPerPage - 1) / Sync.Worker.Trackers.GitLab.GitLabVoteSignalDocument.IssuesPerPage);
}
