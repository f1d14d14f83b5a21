using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using Sync.Core.Storage;
using Sync.Worker.Configuration;

namespace Sync.Worker.Direction;

/// <summary>
/// The public roadmap of every product: <c>/direction</c> (HTML) and <c>/direction.json</c>. Served from the
/// roadmaps last built into the state store, so a visit never calls a tracker. Public by design: a roadmap
/// only holds issues of the public projects, never a confidential one, and a roadmap stored before that was checked
/// is not served (<see cref="Sync.Core.Roadmap.ProductRoadmap.LoadAsync"/>).
/// </summary>
internal static class DirectionEndpoints
{
    public const string HtmlContentType = "text/html; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapDirection(this IEndpointRouteBuilder app)
    {
        app.MapGet("/direction", (HttpContext context, ProductCatalog catalog, IDocumentStore store, CancellationToken cancellationToken) =>
                ServeAsync(context, catalog, store, DirectionPage.Render, HtmlContentType, cancellationToken))
            .AllowAnonymous();
        app.MapGet("/direction.json", (HttpContext context, ProductCatalog catalog, IDocumentStore store, CancellationToken cancellationToken) =>
                ServeAsync(context, catalog, store, DirectionJson.Render, JsonContentType, cancellationToken))
            .AllowAnonymous();
        return app;
    }

    private static async Task<IResult> ServeAsync(
        HttpContext context,
        ProductCatalog catalog,
        IDocumentStore store,
        Func<IReadOnlyList<ProductDirection>, byte[]> render,
        string contentType,
        CancellationToken cancellationToken)
    {
        var body = render(await ProductDirection.LoadAllAsync(catalog, store, cancellationToken));

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
