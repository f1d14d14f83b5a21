using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Worker.Tests.Direction;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>
/// A headless Chromium (found by <see cref="Chromium.Require"/>) driven over the DevTools protocol, for page tests that must
/// act (click a button, follow the redirect) rather than only dump the DOM. One page, a throwaway profile; the browser is
/// killed through its own process handle when the session ends.
/// </summary>
internal sealed class ChromiumSession : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode>> pending = new();
    private readonly CancellationTokenSource stop = new();
    private TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? reader;
    private int nextId;

    private ChromiumSession(Process process) => this.process = process;

    public static async Task<ChromiumSession> StartAsync(string profileDir, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Chromium.Require()) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                     $"--user-data-dir={profileDir}", "--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank"])
        {
            start.ArgumentList.Add(argument);
        }

        var session = new ChromiumSession(Process.Start(start) ?? throw new InvalidOperationException("could not start chromium"));
        try
        {
            await session.ConnectAsync(cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends HTTP Basic credentials with every request of the page (navigations and form posts alike).</summary>
    public Task SetBasicAuthAsync(string user, string password, CancellationToken cancellationToken) =>
        SendAsync("Network.setExtraHTTPHeaders", new JsonObject
        {
            ["headers"] = new JsonObject { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")) },
        }, cancellationToken);

    public async Task NavigateAsync(string url, CancellationToken cancellationToken)
    {
        var load = ExpectLoad();
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url }, cancellationToken);
        await load.WaitAsync(Timeout, cancellationToken);
    }

    /// <summary>Clicks the element <paramref name="selector"/> finds and waits for the page it leads to.</summary>
    public async Task ClickAndWaitAsync(string selector, CancellationToken cancellationToken)
    {
        var load = ExpectLoad();
        var found = await EvaluateAsync($"(() => {{ const e = document.querySelector({JsonSerializer.Serialize(selector)}); if (!e) return 'missing'; e.click(); return 'clicked'; }})()", cancellationToken);
        Assert.True(found == "clicked", $"nothing matches {selector}");
        await load.WaitAsync(Timeout, cancellationToken);
    }

    /// <summary>The value of a script expression that gives a string (the DOM as the browser built it, a cell's text).</summary>
    public async Task<string?> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, cancellationToken);
        Assert.True(result["exceptionDetails"] is null, $"script failed: {result["exceptionDetails"]?.ToJsonString()}");
        return result["result"]?["value"]?.GetValue<string>();
    }

    public Task<string?> DomAsync(CancellationToken cancellationToken) => EvaluateAsync("document.documentElement.outerHTML", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        socket.Abort();
        socket.Dispose();
        if (reader is not null)
        {
            await reader.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
        stop.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        string? line;
        string? browser = null;
        while (browser is null && (line = await process.StandardError.ReadLineAsync(deadline.Token)) is not null)
        {
            const string marker = "DevTools listening on ";
            if (line.StartsWith(marker, StringComparison.Ordinal))
            {
                browser = line[marker.Length..].Trim();
            }
        }

        Assert.True(browser is not null, "chromium did not say where its DevTools listen");
        _ = process.StandardError.ReadToEndAsync(stop.Token); // keep draining, or the browser blocks on a full pipe
        _ = process.StandardOutput.ReadToEndAsync(stop.Token);
        var port = new Uri(browser).Port;
        using var http = new HttpClient { Timeout = Timeout };
        using var targets = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list"), deadline.Token));
        var page = targets.RootElement.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page").GetProperty("webSocketDebuggerUrl").GetString()!;
        await socket.ConnectAsync(new Uri(page), deadline.Token);
        reader = Task.Run(ReadAsync, CancellationToken.None);
        await SendAsync("Page.enable", new JsonObject(), cancellationToken);
        await SendAsync("Network.enable", new JsonObject(), cancellationToken);
    }

    private Task ExpectLoad()
    {
        loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return loaded.Task;
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref nextId);
        var answer = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        var reply = await answer.Task.WaitAsync(Timeout, cancellationToken);
        Assert.True(reply["error"] is null, $"{method} failed: {reply["error"]?.ToJsonString()}");
        return reply["result"] ?? new JsonObject();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var node = JsonNode.Parse(message.ToArray());
                message.SetLength(0);
                if (node?["id"] is { } id && pending.TryRemove(id.GetValue<int>(), out var answer))
                {
                    answer.TrySetResult(node);
                }
                else if (node?["method"]?.GetValue<string>() == "Page.loadEventFired")
                {
                    loaded.TrySetResult();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The session is ending.
        }
    }
}
