namespace Sync.Worker.Webhooks;

internal static class WebhookEndpoints
{
    /// <summary><c>POST /webhooks/gitlab</c> and <c>POST /webhooks/github</c>; each answers 404 until its secret is configured.</summary>
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/gitlab", (HttpContext context, WebhookReceiver receiver) => receiver.GitLabAsync(context, context.RequestAborted));
        app.MapPost("/webhooks/github", (HttpContext context, WebhookReceiver receiver) => receiver.GitHubAsync(context, context.RequestAborted));
        return app;
    }
}
