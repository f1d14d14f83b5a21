using System.Text.RegularExpressions;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using Sync.Core.Pipeline;
using Sync.Core.Trackers;
using Sync.Worker.Configuration;
using Sync.Worker.Triggers;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The POST routes behind the buttons of <see cref="MaintainerPage"/>. Each is a request for a run, like a webhook delivery:
/// it joins the product's pending trigger for the stage (<see cref="TriggerQueue"/>), so repeated clicks, or a click while
/// deliveries are pending, still make one run. They answer with a redirect back to the page
/// (post/redirect/get), so plain HTML forms work without script. Hangfire's <c>AddCommand</c> routes answer 204 or
/// 422 with no body, which only its own script can act on. Being dashboard routes, they get the same authorization
/// and antiforgery check as Hangfire's own commands.
/// </summary>
internal static class MaintainerActions
{
    /// <summary>The stages the page offers a button for (<see cref="StageDescriptor.DashboardAction"/>): a full resync, a roadmap rebuild.</summary>
    public static IReadOnlyList<StageDescriptor> ProductActions { get; } = [.. PipelineStages.Descriptors.Where(d => d.DashboardAction is not null)];

    public static readonly string ProductRoute =
        $"{MaintainerPage.Route}/products/(?<product>[^/]+)/(?<stage>{string.Join("|", ProductActions.Select(d => Regex.Escape(d.Name)))})";
    public const string IssueRoute = MaintainerPage.Route + "/issue";
    public const string IssueField = "ref";

    public static void Register(Hangfire.Dashboard.RouteCollection routes)
    {
        routes.Add(ProductRoute, new PostDispatcher(ResyncProductAsync));
        routes.Add(IssueRoute, new PostDispatcher(ResyncIssueAsync));
    }

    public static string ProductPath(string productKey, string stage) =>
        $"{MaintainerPage.Route}/products/{Uri.EscapeDataString(productKey)}/{stage}";

    private static Task ResyncProductAsync(DashboardContext context, HttpContext http)
    {
        var key = context.UriMatch.Groups["product"].Value;
        var stage = context.UriMatch.Groups["stage"].Value;
        var product = http.RequestServices.GetRequiredService<ProductCatalog>().All
            .FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
        if (product is null || !PipelineStages.Get(stage).IsEnabled(product))
        {
            // The page only offers what exists; this is a hand-made request.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return FullResyncAsync(context, http, product, stage);
    }

    /// <summary>
    /// A full resync re-counts every issue's votes, whatever its vote signal says (the votes stage otherwise re-counts only
    /// what changed), and, like "Rebuild roadmap", makes the roadmap list in full, read the milestones and check the board:
    /// the requests are left for the next passes, then the run is requested as usual.
    /// </summary>
    private static async Task FullResyncAsync(DashboardContext context, HttpContext http, Sync.Core.Products.ProductDefinition product, string stage)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var documents = http.RequestServices.GetRequiredService<Sync.Core.Storage.IDocumentStore>();
        if (stage == PipelineStages.All)
        {
            await Sync.Core.Votes.VotesStep.RequestFullRecountAsync(documents, product.Key, now, http.RequestAborted);
        }

        if (product.Roadmap is not null)
        {
            await Sync.Core.Roadmap.RoadmapStep.RequestRebuildAsync(documents, product.Key, now, http.RequestAborted);
        }

        await RequestAndRedirectAsync(context, http, product.Key, stage, []);
    }

    private static async Task ResyncIssueAsync(DashboardContext context, HttpContext http)
    {
        var input = (await context.Request.GetFormValuesAsync(IssueField)).FirstOrDefault();
        var options = http.RequestServices.GetRequiredService<IOptions<IssueSyncOptions>>().Value;
        var products = http.RequestServices.GetRequiredService<ProductCatalog>().All;
        if (!IssueReferenceInput.TryResolve(input, products, options.Trackers, out var target, out _))
        {
            // The page resolves the input again to show why; nothing is enqueued.
            Redirect(context, http, $"?{MaintainerPage.InvalidQuery}={Uri.EscapeDataString(input ?? string.Empty)}");
            return;
        }

        // A move parked after failing too often moves again when a maintainer asks for its issue.
        if (target!.Stage == PipelineStages.Move)
        {
            var ledger = http.RequestServices.GetRequiredService<Sync.Core.Storage.IMoveLedger>();
            if (await ledger.GetMoveAsync(target.Product.Key, target.Issue.ToString(), http.RequestAborted) is { GaveUp: true } parked)
            {
                var time = http.RequestServices.GetRequiredService<TimeProvider>();
                await ledger.SaveMoveAsync(MoveActions.ClearFailure(parked, time.GetUtcNow()), http.RequestAborted);
            }
        }

        await RequestAndRedirectAsync(context, http, target.Product.Key, target.Stage, [target.Issue]);
    }

    private static async Task RequestAndRedirectAsync(DashboardContext context, HttpContext http, string productKey, string stage, IReadOnlyCollection<IssueRef> issues)
    {
        var result = await http.RequestServices.GetRequiredService<TriggerQueue>().AddAsync(productKey, stage, issues, http.RequestAborted);
        var logger = http.RequestServices.GetRequiredService<ILogger<MaintainerPage>>();
        var user = DashboardAccessFilter.UserOf(context) ?? "?";
        Log.ActionRequested(logger, user, productKey, stage, result.Outcome, result.Job ?? "-", result.Deliveries);
        Redirect(context, http, MaintainerPage.OutcomeQuery(result));
    }

    private static void Redirect(DashboardContext context, HttpContext http, string query)
    {
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = new UrlHelper(context).To(MaintainerPage.Route) + query;
    }

    /// <summary>Runs an action for a POST of a dashboard that is not read-only; anything else gets 403 or 405.</summary>
    internal sealed class PostDispatcher(Func<DashboardContext, HttpContext, Task> action) : IDashboardDispatcher
    {
        public Task Dispatch(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (context.IsReadOnly)
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            if (!HttpMethods.IsPost(http.Request.Method))
            {
                http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                http.Response.Headers.Allow = HttpMethods.Post;
                return Task.CompletedTask;
            }

            return action(context, http);
        }
    }
}
