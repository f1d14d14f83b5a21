using System.Diagnostics;
using System.Net;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Hosting;

/// <summary>Replicas on PostgreSQL: real worker processes against a fresh, empty database.</summary>
[Collection(HostCollection.Name)]
public sealed class PostgresHostTests
{
    [Fact]
    public async Task TwoProcesses_StartingAtOnceOnAnEmptyDatabase_BothComeUp()
    {
        await using var database = await PostgresTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;

        using var first = WorkerProcess.Start(database.ConnectionString);
        using var second = WorkerProcess.Start(database.ConnectionString);
        var urls = await Task.WhenAll(first.WaitForDashboardAsync(ct), second.WaitForDashboardAsync(ct));

        using var http = new HttpClient();
        foreach (var url in urls)
        {
            var ready = await http.GetAsync(new Uri(new Uri(url), "/readyz"), ct);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await first.StopAsync();
        await second.StopAsync();
        Assert.True(string.IsNullOrWhiteSpace(first.Errors + second.Errors), first.Errors + second.Errors);
    }

    [Fact]
    public async Task Once_OnPostgres_KeepsTheCursorBetweenProcesses()
    {
        await using var database = await PostgresTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        string[] args = ["--sandbox", "--sandbox-port", "0", "--once", $"--ConnectionStrings:IssueSync={database.ConnectionString}"];

        var first = await InProcessApp.RunAsync(args);
        var second = await InProcessApp.RunAsync(args);

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Contains("first listing", first.Output, StringComparison.Ordinal);
        Assert.Contains("dev:acme/widget: 0 issue(s) new or changed", second.Output, StringComparison.Ordinal);
    }
}
