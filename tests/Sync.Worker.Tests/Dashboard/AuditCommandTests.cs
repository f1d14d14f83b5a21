using Sync.Core.Storage;
using Sync.Worker.Hosting;
using Sync.Worker.Storage.Sqlite;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary><c>--audit N</c>: prints the newest entries of the configured store and exits without starting the host.</summary>
[Collection(HostCollection.Name)]
public sealed class AuditCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Audit_PrintsTheNewestNEntriesOldestFirstTabSeparated_AndExits0()
    {
        var path = InProcessApp.TempPath("audit.db");
        var store = new SqliteStateStore(path);
        await store.MigrateAsync(Ct);
        var at = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);
        await store.AppendAuditAsync(new AuditEntry(at, "widget", AuditActions.Create, "github:acme/widget#1", "first"), Ct);
        await store.AppendAuditAsync(new AuditEntry(at.AddMinutes(1), "widget", AuditActions.Redaction, "dev:acme/widget#2", "rule aws-key x1 in body\tand\ntitle"), Ct);
        await store.AppendAuditAsync(new AuditEntry(at.AddMinutes(2), "gadget", AuditActions.Label, "gitlab:acme/gadget#3", "+rice::high", DryRun: true), Ct);
        var ids = (await store.QueryAuditAsync(new AuditQuery(null, null, 3), Ct)).Select(e => e.Id).Reverse().ToList();

        var (code, output, error) = await InProcessApp.RunAsync(
            "--sandbox", "--sandbox-port", "0", $"--IssueSync:Storage:SqlitePath={path}", "--audit", "2");

        Assert.True(code == IssueSyncApp.ExitOk, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Where(l => !l.StartsWith("Sandbox trackers", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                $"{ids[1]}\t2026-11-30T08:16:00.000000Z\twidget\tredaction\tdev:acme/widget#2\trule aws-key x1 in body\\tand\\ntitle\twritten",
                $"{ids[2]}\t2026-11-30T08:17:00.000000Z\tgadget\tlabel\tgitlab:acme/gadget#3\t+rice::high\tdry-run",
            ],
            lines);
        Assert.DoesNotContain("IssueSync dashboard:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("10001")]
    public async Task Audit_WithABadCount_PrintsOneLineAndExits2(string count)
    {
        var (code, output, error) = await InProcessApp.RunAsync("--audit", count);

        Assert.Equal(IssueSyncApp.ExitConfiguration, code);
        Assert.Empty(output);
        Assert.Equal($"error: --audit needs a number of entries from 1 to 10000; got '{count}' (see --help)", error.Trim());
    }

    [Fact]
    public async Task Audit_WithoutACount_OrWithOnce_IsRefused()
    {
        var (code, _, error) = await InProcessApp.RunAsync("--audit");
        Assert.Equal(IssueSyncApp.ExitConfiguration, code);
        Assert.Equal("error: --audit needs a value (see --help)", error.Trim());

        (code, _, error) = await InProcessApp.RunAsync("--audit", "5", "--once");
        Assert.Equal(IssueSyncApp.ExitConfiguration, code);
        Assert.Equal("error: --audit takes no --once, --dry-run or --hash-password (see --help)", error.Trim());
    }
}
