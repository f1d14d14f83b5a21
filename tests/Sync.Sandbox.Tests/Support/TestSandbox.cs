using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Sync.Sandbox.Tests.Support;

/// <summary>Starts a sandbox on a free port with a fake clock and hands out authenticated clients.</summary>
internal static class TestSandbox
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static Task<SandboxServer> StartAsync(FakeTimeProvider? time = null, int issues = 0, bool limits = true) =>
        SandboxServer.StartAsync(
            new SandboxOptions { Time = time ?? new FakeTimeProvider(Start), IssuesPerProject = issues, EnforceRateLimits = limits },
            TestContext.Current.CancellationToken);

    public static HttpClient Client(SandboxInstance instance, string? token = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = instance.ApiUrl, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        token ??= instance.Token;
        if (instance.Kind == TrackerKinds.GitHub)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("sandbox-tests");
        }
        else
        {
            client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        }

        return client;
    }

    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public static async Task<JsonElement> GetJson(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{url} → {(int)response.StatusCode}");
        return await response.Json();
    }

    public static Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string url, object? body = null) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) }, TestContext.Current.CancellationToken);

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : null;

    public static List<string> Strings(this JsonElement array, string property) =>
        [.. array.EnumerateArray().Select(e => e.GetProperty(property).ToString())];
}
