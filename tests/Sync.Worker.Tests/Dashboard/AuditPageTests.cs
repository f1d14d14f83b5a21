using System.Net;
using System.Text.Json;
using Sync.Core.Storage;
using Sync.Worker.Dashboard;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>The Audit page and <c>/audit.json</c> over the real host, after the demo's start-up run.</summary>
[Collection(HostCollection.Name)]
public sealed class AuditPageTests(PagesDashboardHost host) : IClassFixture<PagesDashboardHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_AfterADemoRun_ListsItsWritesNewestFirst()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var newest = await host.Store.QueryAuditAsync(new AuditQuery("widget", AuditActions.Create, 2), Ct);
        Assert.Equal(2, newest.Count);
        using var client = host.SignedIn();

        var page = await client.GetStringAsync("/hangfire/issuesync/audit?product=widget&action=create", Ct);

        var first = page.IndexOf($"id=\"audit-{newest[0].Id}\"", StringComparison.Ordinal);
        var second = page.IndexOf($"id=\"audit-{newest[1].Id}\"", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, "the newest entry comes first");
        Assert.Contains($"<code>{WebUtility.HtmlEncode(newest[0].Target)}</code>", page, StringComparison.Ordinal);
        Assert.Equal(0, MovesPageTests.Count(page, "class=\"action\">comment<"));
        Assert.Contains("<option value=\"create\" selected>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageAndJson_FilterByProductAndAction_AndPageOlderById()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var marker = Guid.NewGuid().ToString("N")[..8];
        foreach (var i in new[] { 1, 2, 3 })
        {
            await host.Store.AppendAuditAsync(new AuditEntry(host.Now, "gadget", AuditActions.Close, $"gitlab:acme/gadget#{i}", $"{marker} <b>{i}</b>", DryRun: i == 2), Ct);
        }

        using var client = host.SignedIn();
        var json = await GetJsonAsync(client, "/audit.json?product=gadget&action=close&limit=2");
        Assert.Equal([$"{marker} <b>3</b>", $"{marker} <b>2</b>"], json.Select(e => e.GetProperty("detail").GetString()));
        Assert.Equal(
            ["id", "at", "product", "action", "target", "detail", "dryRun"],
            json[0].EnumerateObject().Select(p => p.Name));
        Assert.True(json[1].GetProperty("dryRun").GetBoolean());
        Assert.Equal("gitlab:acme/gadget#2", json[1].GetProperty("target").GetString());
        var older = await GetJsonAsync(client, $"/audit.json?product=gadget&action=close&limit=2&before={json[1].GetProperty("id").GetInt64()}");
        Assert.Equal($"{marker} <b>1</b>", older[0].GetProperty("detail").GetString());

        var page = await client.GetStringAsync("/hangfire/issuesync/audit?product=gadget&action=close&limit=2", Ct);
        Assert.Contains($"{marker} &lt;b&gt;3&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"{marker} &lt;b&gt;1&lt;/b&gt;", page, StringComparison.Ordinal);
        var link = WebUtility.HtmlDecode(MovesPageTests.Between(page, "id=\"issuesync-audit-older\" href=\"", "\""));
        Assert.Equal($"/hangfire/issuesync/audit?product=gadget&action=close&before={json[1].GetProperty("id").GetInt64()}", link);
        var next = await client.GetStringAsync(link, Ct);
        Assert.Contains($"{marker} &lt;b&gt;1&lt;/b&gt;", next, StringComparison.Ordinal);
        Assert.DoesNotContain($"{marker} &lt;b&gt;2&lt;/b&gt;", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageAndJson_NeverShowASecretOfTheConfiguration()
    {
        await host.WaitForStartupRunsAsync(Ct);
        var token = host.Host.Configuration["IssueSync:Trackers:github:Token"];
        Assert.True(token is { Length: >= ConfiguredSecrets.MinLength }, "the demo's GitHub tracker has a token");
        string[] secrets = [token, PagesDashboardHost.WebhookSecret, ProtectedDashboardHost.AliceHash];
        // As if a write had slipped a secret into the log: the pages still never show it.
        await host.Store.AppendAuditAsync(new AuditEntry(host.Now, "widget", AuditActions.Comment, $"github:acme/widget#1 {token}", string.Join(" | ", secrets)), Ct);
        using var client = host.SignedIn();

        var page = await client.GetStringAsync("/hangfire/issuesync/audit?product=widget", Ct);
        var json = await client.GetStringAsync("/audit.json?product=widget&limit=500", Ct);

        foreach (var text in new[] { page, json })
        {
            foreach (var secret in secrets.Append(ProtectedDashboardHost.Password))
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                Assert.DoesNotContain(WebUtility.HtmlEncode(secret), text, StringComparison.Ordinal);
                Assert.DoesNotContain(JsonSerializer.Serialize(secret).Trim('"'), text, StringComparison.Ordinal);
            }
        }

        Assert.Contains($"{ConfiguredSecrets.Replacement} | {ConfiguredSecrets.Replacement} | {ConfiguredSecrets.Replacement}", page, StringComparison.Ordinal);
        Assert.Contains($"{ConfiguredSecrets.Replacement} | {ConfiguredSecrets.Replacement} | {ConfiguredSecrets.Replacement}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_WithoutOrWithWrongCredentials_Is401WithAChallenge()
    {
        using var anonymous = host.Client();
        using var wrong = host.Client(ProtectedDashboardHost.User, "not-the-password");

        foreach (var client in new[] { anonymous, wrong })
        {
            using var response = await client.GetAsync("/audit.json", Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.DoesNotContain("\"detail\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using var signedIn = host.SignedIn();
        using var ok = await signedIn.GetAsync("/audit.json", Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("application/json", ok.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(await ok.Content.ReadAsStringAsync(Ct)).RootElement.GetArrayLength() <= AuditQueryInput.DefaultLimit);
    }

    [Theory]
    [InlineData("?limit=0", "'limit' must be a whole number from 1 to 500; got '0'.")]
    [InlineData("?limit=501", "'limit' must be a whole number from 1 to 500; got '501'.")]
    [InlineData("?limit=ten", "'limit' must be a whole number from 1 to 500; got 'ten'.")]
    [InlineData("?before=-3", "'before' must be an entry id (a positive whole number); got '-3'.")]
    [InlineData("?action=delete", "Unknown action 'delete' (one of: create, edit, comment, label, close, reopen, upload, redaction).")]
    [InlineData("?product=nope", "Unknown product 'nope' (configured: gadget, widget).")]
    public async Task PageAndJson_RefuseABadQueryWithOneLine(string query, string expected)
    {
        using var client = host.SignedIn();

        using var response = await client.GetAsync("/audit.json" + query, Ct);
        var page = await client.GetStringAsync("/hangfire/issuesync/audit" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error").GetString());
        Assert.Equal(WebUtility.HtmlEncode(expected), MovesPageTests.Between(page, "id=\"issuesync-error\">", "</div>"));
        Assert.DoesNotContain("id=\"issuesync-audit\"", page, StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> GetJsonAsync(HttpClient client, string path)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(path, Ct));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
