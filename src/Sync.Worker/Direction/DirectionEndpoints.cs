using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using Sync.Core.Storage;
using Sync.Worker.Configuration;

namespace Sync.Worker.Direction;

/// <summary>
/// The public roadmap of every product: <c>/direction</c> (HTML), <c>/direction.json</c> and an Atom feed per product,
/// <c>/direction/&lt;product&gt;.atom</c>. Served from the roadmaps last built into the state store (and, for the page's
/// trend plots, the stored vote snapshots), so a visit never calls a tracker. Public by design: a roadmap only holds
/// issues of the public projects, never a confidential one, and a roadmap stored before that was checked is not served
/// (<see cref="Sync.Core.Roadmap.ProductRoadmap.LoadAsync"/>).
/// </summary>
internal static class DirectionEndpoints
{
    public const string HtmlContentType = "text/html; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapDirection(this IEndpointRouteBuilder app)
    {
        app.MapGet("/direction", async (HttpContext context, ProductCatalog catalog, IDocumentStore store, IVoteHistory history, TimeProvider time, CancellationToken cancellationToken) =>
                Serve(context, DirectionPage.Render(await ProductDirection.LoadAllAsync(catalog, store, history, time.GetUtcNow(), cancellationToken)), HtmlContentType))
            .AllowAnonymous();
        app.MapGet("/direction.json", async (HttpContext context, ProductCatalog catalog, IDocumentStore store, CancellationToken cancellationToken) =>
                Serve(context, DirectionJson.Render(await ProductDirection.LoadAllAsync(catalog, store, cancellationToken)), JsonContentType))
            .AllowAnonymous();
        app.MapGet("/direction/{product}.atom", async (string product, HttpContext context, ProductCatalog catalog, IDocumentStore store, CancellationToken cancellationToken) =>
            {
                // Exactly a configured key: one URL per feed, and nothing read for anything else.
                if (catalog.All.FirstOrDefault(p => string.Equals(p.Key, product, StringComparison.Ordinal)) is not { } definition)
                {
                    return Results.NotFound();
                }

                var direction = await ProductDirection.LoadAsync(definition, store, null, default, cancellationToken);
                var request = context.Request;
                var root = $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}/";
                var page = new Uri(new Uri(root), "direction");
                var feed = new Uri(new Uri(root), DirectionPage.FeedHref(definition.Key));
                return Serve(context, DirectionFeed.Render(direction, page, feed), DirectionFeed.ContentType);
            })
            .AllowAnonymous();
        app.MapGet("/direction/{product}/releases/{milestone}", async (string product, string milestone, HttpContext context, ProductCatalog catalog, IDocumentStore store, CancellationToken cancellationToken) =>
            {
                if (catalog.All.FirstOrDefault(p => string.Equals(p.Key, product, StringComparison.Ordinal)) is not { } definition)
                {
                    return Results.Text($"No product '{product}'.", statusCode: StatusCodes.Status404NotFound);
                }

                var notes = await ReleaseNotesPage.LoadAsync(store, definition.Key, cancellationToken);
                return ReleaseNotesPage.Find(notes, milestone) is { } found
                    ? Serve(context, ReleaseNotesPage.Render(definition.Key, found), HtmlContentType)
                    : Results.Text($"No release notes for milestone '{Uri.UnescapeDataString(milestone)}' of '{definition.Key}'.", statusCode: StatusCodes.Status404NotFound);
            })
            .AllowAnonymous();
        return app;
    }

    private static IResult Serve(HttpContext context, byte[] body, string contentType)
    {
        // The output is deterministic, so a hash of it is a strong validator; no-cache makes browsers revalidate.
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}\"");
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(body, contentType);
    }
}
