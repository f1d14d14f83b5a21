using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Bulk;

public sealed class BulkSandboxTests
{
    [Fact]
    public async Task TenThousandIssues_ServeThe100thPageOf100()
    {
        await using var server = await TestSandbox.StartAsync(issues: 10_000);
        using var gl = TestSandbox.Client(server.GitLabDev);
        using var gh = TestSandbox.Client(server.GitHub);
        var ct = TestContext.Current.CancellationToken;

        using var last = await gl.GetAsync("projects/acme%2Fbulk/issues?per_page=100&page=100&sort=asc", ct);
        var page = await last.Json();
        var github = await gh.GetJson("repos/acme/bulk/issues?state=all&per_page=100&page=100&direction=asc");

        Assert.Equal(100, page.GetArrayLength());
        Assert.Equal(10_000, page[99].GetProperty("iid").GetInt32());
        Assert.Equal("10000", last.Header("x-total"));
        Assert.Equal("", last.Header("x-next-page"));
        Assert.Equal(100, github.GetArrayLength());
        Assert.Equal(10_000, github[99].GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task MoreThanTenThousandResults_DropTotalsAndLastLink()
    {
        await using var server = await TestSandbox.StartAsync(issues: 10_000);
        server.GitLabDev.AddIssue("acme/bulk", "one more");
        using var gl = TestSandbox.Client(server.GitLabDev);

        using var response = await gl.GetAsync("projects/acme%2Fbulk/issues?per_page=100", TestContext.Current.CancellationToken);

        Assert.Null(response.Header("x-total"));
        Assert.Null(response.Header("x-total-pages"));
        Assert.Equal("2", response.Header("x-next-page"));
        Assert.DoesNotContain("rel=\"last\"", response.Header("Link"), StringComparison.Ordinal);
        Assert.Contains("rel=\"next\"", response.Header("Link"), StringComparison.Ordinal);
    }
}
