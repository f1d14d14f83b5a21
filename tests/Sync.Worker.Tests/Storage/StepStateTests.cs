using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Sync.Core.Inventory;
using Sync.Core.Pipeline;
using Sync.Core.Products;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Core.Votes;
using Sync.Sandbox;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Storage;

/// <summary>The steps' state goes through one view of the store (<see cref="StepState"/>), which a dry run never writes.</summary>
public sealed class StepStateTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Trackers => new() { "dev", "github" };

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task DryRunPass_WithChangesToCount_LeavesTheStepStateByteForByteUnchanged(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, IssuesPerProject = 10, Time = time }, ct);
        var instance = tracker == "dev" ? sandbox.GitLabDev : sandbox.GitHub;
        var kind = tracker == "dev" ? TrackerKind.GitLab : TrackerKind.GitHub;
        await using var harness = await SandboxTrackerHarness.CreateAsync(tracker, kind, instance, time, ct, unpaced: true);
        var store = harness.Store;
        IPipelineStep[] steps =
        [
            new VotesStep(harness.Trackers, store, store, store, store, time, p => p.Votes),
            new RiceStep(harness.Trackers, store, store, store, time, p => p.Rice),
            new RoadmapStep(harness.Trackers, store, store, store, store, new NoProjectBoards(), time, p => p.Roadmap),
        ];
        var product = new ProductDefinition("bulk", new ProjectRef(tracker, "acme/bulk"), []) { Rice = new RiceRules(), Roadmap = new RoadmapRules() };

        async Task PassAsync(bool dryRun)
        {
            time.Advance(IncrementalCursor.SettleMargin + TimeSpan.FromMinutes(1));
            var context = new PipelineContext(product, dryRun, new WriteJournal());
            foreach (var step in steps)
            {
                await step.RunAsync(context, ct);
            }
        }

        await PassAsync(dryRun: false);
        await PassAsync(dryRun: false);

        // Something for every step to write: a new vote (votes, then RICE's reach) and a human's edit (the listings).
        instance.AddAward("acme/bulk", 2, kind == TrackerKind.GitLab ? "thumbsup" : "+1", "zed.newvoter");
        var edited = instance.Issue("acme/bulk", 3);
        lock (instance.Sync)
        {
            edited.Title += " (edited)";
            edited.UpdatedAt = time.GetUtcNow();
        }

        var before = await DumpStepStateAsync(store, ct);
        await PassAsync(dryRun: true);
        Assert.Equal(before, await DumpStepStateAsync(store, ct));

        // The real pass does write: the dry run had something to leave alone.
        await PassAsync(dryRun: false);
        Assert.NotEqual(before, await DumpStepStateAsync(store, ct));
    }

    [Fact]
    public async Task Migration4_MovesTheVotesStateOutOfTheHttpCacheTable()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new SqliteStateStore(InProcessApp.TempPath("state.db"));
        await store.MigrateAsync(ct);
        await store.SaveMoveAsync(new MoveRecord("p", "dev:acme/private#7", MoveState.Completed, "github:acme/public#3", null, null, 1, Noon, Noon), ct);
        await store.SaveCachedResponseAsync(new CachedResponse("votes-duplicates-v2:p", string.Empty, "{\"5\":3}", Noon), ct);
        await store.SaveCachedResponseAsync(new CachedResponse("votes-duplicates:p", string.Empty, "{\"5\":4}", Noon), ct);
        await store.SaveCachedResponseAsync(new CachedResponse("votes-source:dev:acme/private#7", string.Empty, "{\"Author\":\"ann\"}", Noon), ct);
        await store.SaveCachedResponseAsync(new CachedResponse("github GET /repos/acme/public/issues", "\"e\"", "[]", Noon), ct);

        // As a store kept by the previous version: migration 4 not applied yet.
        await using (var connection = new SqliteConnection($"Data Source={store.DatabasePath}"))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM schema_version WHERE version = 4";
            await command.ExecuteNonQueryAsync(ct);
        }

        await store.MigrateAsync(ct);

        Assert.Equal("{\"5\":3}", Assert.Single(await store.ListDocumentsAsync("p", DuplicateMapKind, ct)).Body);
        var source = Assert.Single(await store.ListDocumentsAsync("p", "votes-source", ct));
        Assert.Equal(("dev:acme/private#7", "{\"Author\":\"ann\"}"), (source.Key, source.Body));
        Assert.Null(await store.GetCachedResponseAsync("votes-duplicates-v2:p", ct));
        Assert.Null(await store.GetCachedResponseAsync("votes-duplicates:p", ct));
        Assert.Null(await store.GetCachedResponseAsync("votes-source:dev:acme/private#7", ct));
        Assert.NotNull(await store.GetCachedResponseAsync("github GET /repos/acme/public/issues", ct)); // the HTTP cache stays
    }

    private const string DuplicateMapKind = "votes-duplicates";

    /// <summary>
    /// Every row of every table but the audit log (a dry run audits what it would write), the schema history and the
    /// trackers' HTTP cache (GitHub's conditional-request validators record what the tracker answered, dry run or not; it
    /// holds no step state since issue 17).
    /// </summary>
    private static async Task<string> DumpStepStateAsync(SqliteStateStore store, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_entries', 'schema_version', 'sqlite_sequence', 'cached_responses') ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            var rows = new List<string>();
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM {table}";
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            dump.Append(table).Append('\n').AppendJoin('\n', rows).Append('\n');
        }

        return dump.ToString();
    }
}
