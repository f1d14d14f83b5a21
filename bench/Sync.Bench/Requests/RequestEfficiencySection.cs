using System.Globalization;
using Sync.Bench.Support;
using Sync.Sandbox;

namespace Sync.Bench.Requests;

/// <summary>
/// Section 1: requests IssueSync's real tracker clients make against the in-process sandbox, divided by the fewest
/// a client could make for the same knowledge. Request counts do not depend on timing, so these are exact.
/// </summary>
internal sealed class RequestEfficiencySection : IBenchSection
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly (string Key, string Name)[] Trackers = [("gitlab", "GitLab"), ("github", "GitHub")];

    public string Key => "requests";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var issues = options.Size == BenchSize.Full ? 10_000 : 200;
        var samples = new Dictionary<(string Tracker, RequestScenario Scenario), List<ScenarioSample>>();
        for (var run = 1; run <= options.Runs; run++)
        {
            await options.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"requests: run {run}/{options.Runs}, sandbox with {issues:N0} issues per project"));
            var clock = new BenchClock(Start);
            await using var sandbox = await SandboxServer.StartAsync(
                new SandboxOptions { Port = 0, IssuesPerProject = issues, Time = clock, EnforceRateLimits = false }, cancellationToken);

            // The rate-limit headers are sent even with enforcement off, and IssueSync pauses when they show its
            // reserve reached; on a clock that only moves by hand that pause would never end.
            sandbox.Control.Limits.GitHubPerHour = 100_000_000;
            sandbox.Control.Limits.GitLabPerMinute = 100_000_000;
            foreach (var (tracker, _) in Trackers)
            {
                foreach (var sample in await RequestScenarios.RunAsync(sandbox, tracker, clock, options.Log, cancellationToken))
                {
                    var key = (tracker, sample.Scenario);
                    if (!samples.TryGetValue(key, out var list))
                    {
                        samples[key] = list = [];
                    }

                    list.Add(sample);
                }
            }
        }

        return [.. Trackers.SelectMany(t => Enum.GetValues<RequestScenario>().Select(s => Row(t.Name, s, samples[(t.Key, s)], issues)))];
    }

    private static BenchRow Row(string trackerName, RequestScenario scenario, List<ScenarioSample> runs, int issues)
    {
        var requests = Stats.Median([.. runs.Select(r => (double)r.Count.Sandbox)]);
        var minimum = runs[0].Minimum;
        var ratios = runs.Select(r => (double)r.Count.Sandbox / r.Minimum).ToList();
        var ratio = Stats.Median(ratios);
        var measured = Count(requests, "request");
        var mismatch = runs.Where(r => r.Count.Ours != r.Count.Sandbox).Select(r => string.Create(CultureInfo.InvariantCulture, $"IssueSync counted {r.Count.Ours}, the sandbox {r.Count.Sandbox}")).FirstOrDefault();
        var goal = "= 1";
        bool met = ratio <= 1;
        string note;
        var changed = Math.Max(1, issues / 100);
        string name;
        switch (scenario)
        {
            case RequestScenario.FirstSync:
                name = string.Create(CultureInfo.InvariantCulture, $"{trackerName}: first full sync ({issues:N0} issues)");
                note = "every page of the issue listing (100 per page), nothing else";
                break;
            case RequestScenario.IdleResync:
                name = $"{trackerName}: idle resync";
                note = "settled cursor: one empty page from just after the newest update seen";
                break;
            case RequestScenario.ChangedResync:
                name = string.Create(CultureInfo.InvariantCulture, $"{trackerName}: resync after 1 % changed ({changed:N0} issues)");
                note = "only the changed issues are listed";
                break;
            case RequestScenario.IdleVotes:
                name = $"{trackerName}: vote pass, no vote changed (open issues only)";
                note = trackerName == "GitHub"
                    ? "every listing page with If-None-Match, each answered 304 (no rate-limit cost); no voter list is fetched"
                    : "every GraphQL page of vote signals (16 issues a query: GitLab's query complexity limit of 250 sets it, the aim of 200 requests is missed); no voter list is fetched";
                break;
            case RequestScenario.ChangedVotes:
                name = string.Create(CultureInfo.InvariantCulture, $"{trackerName}: vote pass after 1 % got a vote ({changed:N0} issues)");
                note = trackerName == "GitHub"
                    ? "every listing page (the changed ones answer 200) + one reactions list per changed issue"
                    : "every GraphQL page of vote signals + one award list per changed issue (GitLab's GraphQL awards carry no id or time)";
                break;
            default:
                name = $"{trackerName}: RICE + roadmap pass, nothing changed";
                var writes = Stats.Median([.. runs.Select(r => (double)r.Count.SandboxWrites)]);
                measured = string.Create(CultureInfo.InvariantCulture, $"writes: {writes:0.#}; {Count(requests, "request")}");
                // Issue 17: at most one listing per project a pass, plus what the roadmap must read by itself (nothing when idle).
                goal = "writes = 0, ≤ 1 request (issue 17)";
                met = runs.All(r => r.Count.SandboxWrites == 0 && r.Count.Sandbox <= minimum);
                var reads = string.Join(", ", runs[^1].Count.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Value} × {e.Key}")));
                note = "minimum 1 = one incremental listing of the public project, enough to know nothing changed; "
                    + $"made: {reads} (RICE lists once and the roadmap reads the same listing of the pass through its own cursor, issue 17; the roadmap reads the milestones and checks the board only when someone else changed something, or daily)";
                break;
        }

        var compared = string.Create(CultureInfo.InvariantCulture, $"minimum {minimum:N0}");
        if (runs[0].Aim is { } aim)
        {
            // Judged against the issue's aim, not against the fewest this client's query shape can make.
            ratios = [.. runs.Select(r => (double)r.Count.Sandbox / aim)];
            ratio = Stats.Median(ratios);
            goal = "≤ 1 (issue 15: ≤ 200 per 10,000 open issues)";
            met = ratio <= 1;
            compared = string.Create(CultureInfo.InvariantCulture, $"aim {aim:N0}; minimum for the query shape {minimum:N0}");
        }

        if (!met && scenario != RequestScenario.IdleRiceRoadmap)
        {
            note += "; made: " + string.Join(", ", runs[^1].Count.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Value} × {e.Key}")));
        }

        if (mismatch is not null)
        {
            note += $"; count mismatch: {mismatch}";
        }

        return new BenchRow(1, name, measured, compared, ratio, goal, met, note, ratios);
    }

    private static string Count(double value, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{value:#,0.#} {unit}{(value == 1 ? string.Empty : "s")}");
}
