using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sync.Sandbox.Model;

namespace Sync.Sandbox.Pipeline;

/// <summary>
/// The one request path both trackers share: count, delay, authenticate, inject faults, rate-limit, count the write,
/// run the handler under the instance lock, then serialise with ETag and rate-limit headers, or lose the answer when
/// a fault strikes after the commit.
/// </summary>
internal static class ApiPipeline
{
    public static async Task RunAsync(HttpContext ctx, ApiCall call)
    {
        var (host, instance, dialect, key, handler) = call;
        host.Stats.Count(instance.Name, key);
        if (instance.IsGitHub)
        {
            host.Stats.CountApiVersion(instance.Name, ctx.Request.Headers["X-GitHub-Api-Version"].ToString());
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, host.Stopping);
        var ct = linked.Token;
        try
        {
            await RequestCapture.RecordAsync(host.Requests, instance.Name, ctx.Request, ct);
            if (host.Control.LatencyMs > 0)
            {
                await Task.Delay(host.Control.LatencyMs, ct);
            }

            var user = instance.Authenticate(dialect.ReadToken(ctx.Request));
            if (user is null)
            {
                await WriteAsync(ctx, dialect.Unauthorized(), ct);
                return;
            }

            var (method, path) = (ctx.Request.Method, ctx.Request.Path.Value ?? "");
            var operations = await GraphQlOperations.ReadAsync(ctx.Request, key, ct);
            var fault = host.Control.TakeFault(instance.Name, method, path, key, afterCommit: false, operations?.Fields);
            switch (fault?.Kind)
            {
                case SandboxFaultKind.ServerError:
                    await WriteAsync(ctx, dialect.ServerError(fault.ErrorStatus), ct);
                    return;
                case SandboxFaultKind.Refused:
                    await WriteAsync(ctx, dialect.Refused(fault.ErrorStatus, fault.Message ?? "Refused by an injected sandbox fault"), ct);
                    return;
                case SandboxFaultKind.Timeout:
                    await HoldAsync(ct);
                    return;
            }

            var now = instance.Time.GetUtcNow();
            var limitKey = operations is { IsMutation: true } ? key + GraphQlOperations.MutationSuffix : key;
            ApiReply? rejected;
            lock (dialect)
            {
                rejected = dialect.Admit(method, limitKey, now);
            }

            if (rejected is null && dialect.WriteKind(method, limitKey) is { } writeKind)
            {
                host.Stats.CountWrite(instance, user, writeKind, now);
            }

            var reply = rejected ?? await HandleAsync(ctx, instance, dialect, user, handler, host.Control.Limits, ct);

            // Decided after the handler ran, so the change is stored before the answer is lost.
            var afterCommit = rejected is null ? host.Control.TakeFault(instance.Name, method, path, key, afterCommit: true, operations?.Fields) : null;
            var body = Serialize(reply, fault?.Kind);
            if (dialect.UsesETags && body is not null && reply.Status == 200 && HttpMethods.IsGet(method))
            {
                var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..40] + "\"";
                reply.Headers["ETag"] = etag;
                if (ctx.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim().TrimStart('W', '/') == etag)))
                {
                    // As Rack's ConditionalGet: the 200's headers stay (Link, ETag), only the body and its type go.
                    var notModified = new ApiReply(304);
                    foreach (var (name, value) in reply.Headers)
                    {
                        notModified.Headers[name] = value;
                    }

                    reply = notModified;
                    body = null;
                }
            }

            lock (dialect)
            {
                dialect.Complete(reply, instance.Time.GetUtcNow());
            }

            switch (afterCommit?.Kind)
            {
                case SandboxFaultKind.CommitThenDrop:
                    // No status line, no byte: the client sees the connection reset or an empty reply.
                    ctx.Abort();
                    return;
                case SandboxFaultKind.CommitThenError:
                    // What a gateway answers when the tracker's own answer was lost; it carries no rate-limit headers.
                    await WriteAsync(ctx, dialect.ServerError(afterCommit.ErrorStatus), ct);
                    return;
                case SandboxFaultKind.CommitThenHang:
                    await HoldAsync(ct);
                    return;
                case SandboxFaultKind.UpdateIssueAfterAnswer:
                    // The body is already serialised, so this page shows the issue as it was; the next request sees the edit.
                    var edited = instance.Issue(afterCommit.UpdateProject!, afterCommit.UpdateIssue!.Value);
                    lock (instance.Sync)
                    {
                        edited.Title += " (edited)";
                        edited.UpdatedAt = instance.Time.GetUtcNow();
                    }

                    break;
            }

            await WriteBytesAsync(ctx, reply, body, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away (or the server is stopping): nothing left to answer.
        }
    }

    private static async Task<ApiReply> HandleAsync(HttpContext ctx, SandboxInstance instance, ITrackerDialect dialect, SandboxUser user, ApiHandler handler, SandboxLimits limits, CancellationToken ct)
    {
        var (args, files, malformed) = await ApiArgs.ReadAsync(ctx.Request, ct);
        if (malformed)
        {
            return dialect.BadRequest("Problems parsing JSON");
        }

        var request = new ApiRequest { Http = ctx, Instance = instance, User = user, Args = args, Limits = limits };
        request.Files.AddRange(files);
        lock (instance.Sync)
        {
            return handler(request);
        }
    }

    // Far longer than any client timeout; ends when the client gives up or the server stops.
    private static Task HoldAsync(CancellationToken ct) => Task.Delay(TimeSpan.FromMinutes(30), ct);

    private static byte[]? Serialize(ApiReply reply, SandboxFaultKind? fault)
    {
        if (reply.Raw is not null)
        {
            return reply.Raw;
        }

        if (reply.Text is not null)
        {
            return Encoding.UTF8.GetBytes(reply.Text);
        }

        if (reply.Json is null)
        {
            return null;
        }

        var json = reply.Json;
        if (fault == SandboxFaultKind.TruncatedPage && json is JsonArray items && reply.Status == 200)
        {
            // Same paging headers, half the items: what a proxy cutting a page short looks like.
            var keep = items.Count / 2;
            while (items.Count > keep)
            {
                items.RemoveAt(items.Count - 1);
            }
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(json);
        return fault == SandboxFaultKind.MalformedJson ? bytes[..(bytes.Length / 2)] : bytes;
    }

    internal static Task WriteAsync(HttpContext ctx, ApiReply reply, CancellationToken ct) =>
        WriteBytesAsync(ctx, reply, Serialize(reply, null), ct);

    private static async Task WriteBytesAsync(HttpContext ctx, ApiReply reply, byte[]? body, CancellationToken ct)
    {
        ctx.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            ctx.Response.Headers[name] = value;
        }

        if (body is null || reply.Status is 204 or 304)
        {
            return;
        }

        ctx.Response.ContentType = reply.ContentType ?? (reply.Text is not null ? "text/plain; charset=utf-8" : "application/json; charset=utf-8");
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body, ct);
    }
}
