using System.Security.Cryptography;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Options;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;
using Sync.Worker.Jobs;

namespace Sync.Worker.Webhooks;

/// <summary>
/// Authenticates a delivery, reads what it is about and enqueues an <see cref="IssueResyncJob"/> per product that
/// reads the project. Nothing of the payload, the token or the signature is ever logged.
/// </summary>
public sealed class WebhookReceiver(
    IOptions<IssueSyncOptions> options,
    ProductCatalog catalog,
    ILeaseStore leases,
    IBackgroundJobClient jobs,
    TimeProvider time,
    ILogger<WebhookReceiver> logger)
{
    /// <summary>How long a delivery id and a body are remembered; trackers redeliver within hours, not days.</summary>
    public static readonly TimeSpan DeliveryMemory = TimeSpan.FromHours(24);

    private const string GitLab = "gitlab";
    private const string GitHub = "github";
    private const int MaxDeliveryIdLength = 128;

    public async Task<IResult> GitLabAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var secret = options.Value.Webhooks.GitLabSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Results.NotFound();
        }

        var headers = context.Request.Headers;
        if (!WebhookSignatures.GitLabTokenMatches(headers["X-Gitlab-Token"], secret))
        {
            return Reject(GitLab, headers.ContainsKey("X-Gitlab-Token") ? "bad token" : "missing token");
        }

        var body = await WebhookBody.ReadAsync(context.Request, options.Value.Webhooks.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TooLarge(GitLab);
        }

        // Idempotency-Key (GitLab 17.4+) stays the same when a delivery is retried; the event UUID is the fallback.
        var deliveryId = FirstNonEmpty(headers["Idempotency-Key"], headers["X-Gitlab-Event-UUID"]);
        var eventName = (string?)headers["X-Gitlab-Event"];
        return await ReceiveAsync(
            GitLab, TrackerKind.GitLab, eventName, deliveryId, body,
            GitLabEvents.IsRelevant(eventName) ? payload => GitLabEvents.Parse(eventName!, payload) : null,
            cancellationToken);
    }

    public async Task<IResult> GitHubAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var secret = options.Value.Webhooks.GitHubSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Results.NotFound();
        }

        var headers = context.Request.Headers;
        var signature = (string?)headers["X-Hub-Signature-256"];
        if (string.IsNullOrEmpty(signature))
        {
            return Reject(GitHub, "missing signature");
        }

        // The signature covers the raw bytes, so the body is read (capped) before anything parses it.
        var body = await WebhookBody.ReadAsync(context.Request, options.Value.Webhooks.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TooLarge(GitHub);
        }

        if (!WebhookSignatures.GitHubSignatureMatches(signature, body, secret))
        {
            return Reject(GitHub, "bad signature");
        }

        var eventName = (string?)headers["X-GitHub-Event"];
        if (eventName == GitHubEvents.Ping)
        {
            Log.Ignored(logger, GitHub, GitHubEvents.Ping, "pong");
            return Reply("pong");
        }

        return await ReceiveAsync(
            GitHub, TrackerKind.GitHub, eventName, (string?)headers["X-GitHub-Delivery"], body,
            GitHubEvents.IsRelevant(eventName) ? payload => GitHubEvents.Parse(eventName!, payload) : null,
            cancellationToken);
    }

    private async Task<IResult> ReceiveAsync(
        string source,
        TrackerKind kind,
        string? eventName,
        string? deliveryId,
        byte[] body,
        Func<JsonElement, WebhookDelivery>? parse,
        CancellationToken cancellationToken)
    {
        var shownEvent = WebhookJson.Printable(eventName);
        if (parse is null)
        {
            return Ignore(source, shownEvent, $"ignored: {shownEvent}");
        }

        if (deliveryId is { Length: > MaxDeliveryIdLength } || (deliveryId?.Any(char.IsControl) ?? false))
        {
            return Malformed(source, shownEvent, "delivery id is too long or not printable");
        }

        if (!WebhookJson.TryParse(body, out var document, out var jsonError))
        {
            return Malformed(source, shownEvent, jsonError);
        }

        WebhookDelivery delivery;
        using (document)
        {
            delivery = parse(document!.RootElement);
        }

        if (delivery.Malformed is { } malformed)
        {
            return Malformed(source, shownEvent, malformed);
        }

        if (delivery.Ignored is { } ignored)
        {
            return Ignore(source, shownEvent, ignored);
        }

        var project = WebhookProjects.Find(options.Value, kind, delivery.ProjectPath!, delivery.ProjectWebUrl);
        var products = project is null ? [] : ProductsReading(project);
        if (products.Count == 0)
        {
            return Ignore(source, shownEvent, "ignored: project not configured");
        }

        var owner = Guid.NewGuid().ToString("N");
        var lease = deliveryId is null ? null : $"webhook:{source}:{deliveryId}";
        if (lease is not null && !await RememberAsync(lease, owner, cancellationToken))
        {
            Log.Duplicate(logger, source, shownEvent, deliveryId!);
            return Reply("duplicate");
        }

        // A captured delivery replayed under a fresh delivery id still carries a valid signature (GitHub) or the static
        // token (GitLab); its body is the same to the byte, while two real events differ at least in a timestamp.
        var bodyLease = $"webhook-body:{source}:{Convert.ToHexStringLower(SHA256.HashData(body))}";
        try
        {
            if (!await RememberAsync(bodyLease, owner, cancellationToken))
            {
                // This delivery id was not acted on: forget it again, as for a delivery that failed.
                await ForgetAsync(lease, owner);
                Log.Replay(logger, source, shownEvent, deliveryId ?? "(none)");
                return Reply("duplicate");
            }

            var ids = new List<string>();
            foreach (var (productKey, configured) in products)
            {
                var issue = new IssueRef(configured, delivery.IssueNumber).ToString();
                var id = jobs.Enqueue<IssueResyncJob>(job => job.RunAsync(productKey, issue, CancellationToken.None));
                Log.Accepted(logger, source, shownEvent, issue, productKey, id);
                ids.Add(id);
            }

            return Reply("accepted", ids);
        }
        catch
        {
            // Nothing (or not everything) was enqueued: let the tracker's retry through instead of calling it a duplicate.
            await ForgetAsync(lease, owner);
            await ForgetAsync(bodyLease, owner);
            throw;
        }
    }

    /// <summary>Releases a lease this delivery took (a no-op for one it did not); not cancellable, like a cleanup.</summary>
    private async Task ForgetAsync(string? lease, string owner)
    {
        if (lease is not null)
        {
            await leases.ReleaseLeaseAsync(lease, owner, CancellationToken.None);
        }
    }

    private Task<bool> RememberAsync(string lease, string owner, CancellationToken cancellationToken) =>
        leases.TryAcquireLeaseAsync(lease, owner, time.GetUtcNow(), DeliveryMemory, cancellationToken);

    /// <summary>The products that read <paramref name="project"/>, each with the project as it is configured there.</summary>
    private List<(string Product, ProjectRef Project)> ProductsReading(ProjectRef project) =>
        [.. catalog.All
            .Select(p => (p.Key, Match: p.Projects.FirstOrDefault(c => SameProject(c, project))))
            .Where(p => p.Match is not null)
            .Select(p => (p.Key, p.Match!))];

    internal static bool SameProject(ProjectRef a, ProjectRef b) =>
        string.Equals(a.Tracker, b.Tracker, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Path, b.Path, StringComparison.OrdinalIgnoreCase);

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private IResult Reject(string source, string reason)
    {
        Log.Rejected(logger, source, reason);
        return Results.Json(new WebhookReply($"rejected: {reason}"), statusCode: StatusCodes.Status401Unauthorized);
    }

    private IResult TooLarge(string source)
    {
        Log.Rejected(logger, source, $"body larger than {options.Value.Webhooks.MaxBodyBytes} bytes");
        return Results.Json(new WebhookReply("rejected: body too large"), statusCode: StatusCodes.Status413PayloadTooLarge);
    }

    private IResult Malformed(string source, string eventName, string reason)
    {
        Log.Malformed(logger, source, eventName, reason);
        return Results.Json(new WebhookReply($"malformed: {reason}"), statusCode: StatusCodes.Status400BadRequest);
    }

    private IResult Ignore(string source, string eventName, string reason)
    {
        Log.Ignored(logger, source, eventName, reason);
        return Reply(reason);
    }

    private static IResult Reply(string result, IReadOnlyList<string>? jobIds = null) =>
        Results.Json(new WebhookReply(result, jobIds), statusCode: StatusCodes.Status202Accepted);
}

/// <summary>The body of every webhook answer: what happened, and the Hangfire job ids when something was enqueued.</summary>
public sealed record WebhookReply(string Result, IReadOnlyList<string>? Jobs = null);
