using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Control;

/// <summary>
/// Offset pages drift (neither tracker has keyset paging for issues): an issue updated between two page requests of a
/// listing sorted by <c>updated_at</c> ascending moves to the end, and the issue that was first on page 2 slides onto
/// page 1, already read, so following the next-page header never shows it. The <c>UpdateIssueAfterAnswer</c> fault
/// makes that update happen exactly between the two requests.
/// </summary>
public sealed class PageDriftFaultTests
{
    public static TheoryData<string> Trackers => new() { "gitlab", "github" };

    [Theory]
    [MemberData(nameof(Trackers))]
    public async Task OffsetPages_IssueUpdatedBetweenTwoPages_SlidesOnePastTheReader(string tracker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestSandbox.StartAsync();
        var instance = tracker == "gitlab" ? server.GitLabDev : server.GitHub;
        instance.CreateProject("team/drift", isPrivate: false);
        for (var n = 1; n <= 150; n++)
        {
            var issue = instance.AddIssue("team/drift", $"Issue {n}");
            lock (instance.Sync)
            {
                issue.UpdatedAt = TestSandbox.Start.AddMinutes(-200 + n); // updated order = number order
            }
        }

        var (path, endpoint, query) = tracker == "gitlab"
            ? ("projects/team%2Fdrift/issues", "GET /projects/:id/issues", "state=all&order_by=updated_at&sort=asc&per_page=100")
            : ("repos/team/drift/issues", "GET /repos/:owner/:repo/issues", "state=all&sort=updated&direction=asc&per_page=100");
        server.Control.InjectFault(instance.Name, new SandboxFault(SandboxFaultKind.UpdateIssueAfterAnswer, Endpoint: endpoint, UpdateProject: "team/drift", UpdateIssue: 1));
        using var client = TestSandbox.Client(instance);
        var number = tracker == "gitlab" ? "iid" : "number";

        using var first = await client.GetAsync($"{path}?{query}", ct);
        var page1 = (await first.Json()).Strings(number);
        using var second = await client.GetAsync($"{path}?{query}&page=2", ct);
        var page2 = (await second.Json()).Strings(number);

        Assert.Equal(0, server.Control.PendingFaults);
        Assert.Equal([.. Enumerable.Range(1, 100).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))], page1);
        Assert.Equal([.. Enumerable.Range(102, 49).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), "1"], page2);
        Assert.DoesNotContain("101", page1.Concat(page2)); // slid onto page 1 after it was read
        Assert.Equal(150, (await client.GetJson($"{path}?{query}")).GetArrayLength() + (await client.GetJson($"{path}?{query}&page=2")).GetArrayLength());
    }
}
