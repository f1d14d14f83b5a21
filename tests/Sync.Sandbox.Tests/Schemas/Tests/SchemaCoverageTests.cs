using System.Text.RegularExpressions;
using Sync.Sandbox.Tests.Schemas.Validation;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Schemas.Tests;

/// <summary>A route the sandbox maps cannot go without a published schema, or an explicit reason why it has none.</summary>
public sealed partial class SchemaCoverageTests
{
    [Fact]
    public async Task EveryTrackerRouteTheSandboxMaps_HasASchemaOrAStatedReason()
    {
        await using var server = await TestSandbox.StartAsync();

        var mapped = server.Routes.Select(Classify).OfType<(string Tracker, string Endpoint)>().Distinct().ToList();
        var missing = mapped.Where(r => SchemaRoutes.Find(r.Tracker, r.Endpoint) is null).Select(r => $"{r.Tracker} {r.Endpoint}").ToList();
        var stale = SchemaRoutes.All.Where(r => !mapped.Contains((r.Tracker, r.Endpoint))).Select(r => $"{r.Tracker} {r.Endpoint}").ToList();

        Assert.True(missing.Count == 0, "sandbox routes with no entry in SchemaRoutes (give a schema or a reason):\n" + string.Join('\n', missing));
        Assert.True(stale.Count == 0, "SchemaRoutes entries the sandbox no longer maps:\n" + string.Join('\n', stale));
        Assert.All(SchemaRoutes.All.Where(r => !r.Schema.HasSchema), r => Assert.False(string.IsNullOrWhiteSpace(r.Schema.NoSchemaReason)));
    }

    [Fact]
    public void EverySchemaMapping_ResolvesToAVendoredSchema()
    {
        foreach (var route in SchemaRoutes.All.Where(r => r.Schema.HasSchema))
        {
            var documented = new[] { 200, 201, 204 }.Where(status => SchemaCatalog.Shared.For(route.Schema, status, out var bodyless) is not null || bodyless);
            Assert.True(documented.Any(), $"{route.Tracker} {route.Endpoint}: {route.Schema} documents no success answer");
        }
    }

    // "GET /gitlab-dev/api/v4/projects/{id}/issues" → ("gitlab", "GET /projects/:id/issues"), "GET /discourse/t/{id}.json" →
    // ("discourse", "GET /t/:id.json"); web, admin and fallback routes → null (the forum's topic page is listed with its reason).
    private static (string, string)? Classify(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var (method, path) = (route[..space], route[(space + 1)..]);
        foreach (var (root, tracker) in new[] { ("/discourse", SchemaRoutes.Discourse), ("/api/v4", SchemaRoutes.GitLab), ("/api/v3", SchemaRoutes.GitHub), ("/api", SchemaRoutes.GitLab) })
        {
            var at = path.IndexOf(root + "/", StringComparison.Ordinal);
            if (at < 0 || path.Contains("{**", StringComparison.Ordinal))
            {
                continue;
            }

            return (tracker, $"{method} {Parameter().Replace(path[(at + root.Length)..], m => ":" + m.Groups[1].Value)}");
        }

        return null;
    }

    [GeneratedRegex(@"\{\**([a-zA-Z_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
