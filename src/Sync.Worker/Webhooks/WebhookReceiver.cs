using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Sync.Core.Products;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;
using Sync.Worker.Jobs;
using Sync.Worker.Triggers;

namespace Sync.Worker.Webhooks;

/// <summary>
/// Authenticates a delivery, reads what it is about and adds it to the pending trigger of each product that reads the
/// project, for the stage that picks the issue up (<see cref="TriggerQueue"/>): deliveries arriving until a run takes
/// the trigger collapse into that one run, which is told every issue they named. Nothing of the payload, the token or
/// the signature is ever logged.
/// </summary>
internal sealed class WebhookReceiver(
    IOptions<IssueSyncOptions> options,
    ProductCatalog catalog,
    ILeaseStore leases,
    TriggerQueue triggers,
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

            var results = new List<TriggerResult>();
            foreach (var (product, configured) in products)
            {
                var issue = new IssueRef(configured, delivery.IssueNumber);
                if (ResyncStage.For(product, issue) is not { } stage)
                {
                    continue; // unreachable: the product reads the project
                }

                var result = await triggers.AddAsync(product.Key, stage, [issue], cancellationToken);
                var shownIssue = issue.ToString();
                Log.Accepted(logger, source, shownEvent, shownIssue, product.Key, stage, result.Outcome, result.Job ?? "-", result.Deliveries);
                results.Add(result);
            }

            var enqueued = results.Where(r => r.Outcome == TriggerOutcome.Queued && r.Job is not null).Select(r => r.Job!).ToList();
            return Reply("accepted", enqueued.Count == 0 ? null : enqueued, [.. results.Select(WebhookTrigger.From)]);
        }
        catch
        {
            // Nothing (or not everything) was recorded: let the tracker's retry through instead of calling it a duplicate.
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
    private List<(ProductDefinition Product, ProjectRef Project)> ProductsReading(ProjectRef project) =>
        [.. catalog.All
            .Select(p => (p, Match: p.Projects.FirstOrDefault(c => SameProject(c, project))))
            .Where(p => p.Match is not null)
            .Select(p => (p.p, p.Match!))];

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

    private static IResult Reply(string result, IReadOnlyList<string>? jobIds = null, IReadOnlyList<WebhookTrigger>? triggers = null) =>
        Results.Json(new WebhookReply(result, jobIds, triggers), statusCode: StatusCodes.Status202Accepted);
}

/// <summary>
/// The body of every webhook answer: what happened; the Hangfire job ids this delivery enqueued (none when it merged into
/// a run already pending); and, when accepted, the pending trigger it joined per product.
/// </summary>
internal sealed record WebhookReply(string Result, IReadOnlyList<string>? Jobs = null, IReadOnlyList<WebhookTrigger>? Triggers = null);

/// <param name="Outcome"><c>queued</c>, <c>merged</c> or <c>waiting</c> (see <see cref="TriggerOutcome"/>).</param>
/// <param name="Job">The pending run's job id, when known.</param>
/// <param name="Deliveries">Deliveries merged into the pending trigger so far, this one included.</param>
internal sealed record WebhookTrigger(string Product, string Stage, string Outcome, string? Job, int Deliveries)
{
    public static WebhookTrigger From(TriggerResult result) =>
        new(result.Product, result.Stage, result.Outcome.ToString().ToLowerInvariant(), result.Job, result.Deliveries);
}
