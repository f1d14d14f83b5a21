using System.Text.Json.Nodes;
using Sync.Worker.Trackers.GitHub;

namespace Sync.Worker.Tests.Trackers.GitHub;

/// <summary>
/// What REST API version 2026-03-10 (the first with breaking changes) would change for IssueSync, read from GitHub's own
/// OpenAPI description: its <c>x-github-breaking-changes</c> entries on the operations IssueSync calls and on every
/// schema their answers and request bodies reach (vendored subset: <c>ApiVersions/</c>, see its README). Both lists are
/// exact, so a new description that changes them fails here and an upgrade of <see cref="GitHubApiVersion.Current"/>
/// stays a reviewed decision.
/// </summary>
public sealed class GitHubApiVersionTests
{
    private const string Next = "2026-03-10";

    /// <summary>
    /// The properties IssueSync reads, per schema (GitHubIssueMapper, GitHubContentMapper, the vote readers), and the
    /// request fields it sends, per operation (GitHubTrackerClient.Issues/Labels/Comments).
    /// </summary>
    private static readonly Dictionary<string, string[]> Reads = new(StringComparer.Ordinal)
    {
        ["issue"] = ["id", "number", "title", "body", "state", "state_reason", "labels", "milestone", "user", "created_at", "updated_at",
            "closed_at", "html_url", "url", "comments", "reactions", "pull_request"],
        ["issue-comment"] = ["id", "body", "user", "created_at", "updated_at", "issue_url", "reactions"],
        ["label"] = ["name", "color", "description"],
        ["milestone"] = ["number", "title", "description", "state", "due_on"],
        ["nullable-milestone"] = ["number", "title"],
        ["simple-user"] = ["login", "id"],
        ["nullable-simple-user"] = ["login", "id"],
        ["private-user"] = ["login", "id"],
        ["public-user"] = ["login", "id"],
        ["reaction"] = ["id", "content", "user", "created_at"],
        ["reaction-rollup"] = ["+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket"],
        ["issues/create request"] = ["title", "body", "labels", "milestone"],
        ["issues/update request"] = ["title", "body", "milestone", "state", "state_reason"],
        ["issues/add-labels request"] = ["labels"],
        ["issues/create-label request"] = ["name", "color", "description"],
        ["issues/create-milestone request"] = ["title", "description", "state", "due_on"],
        ["issues/create-comment request"] = ["body"],
        ["issues/update-comment request"] = ["body"],
    };

    [Fact]
    public void Version_IsThePinned20221128()
    {
        Assert.Equal(("X-GitHub-Api-Version", "2022-11-28"), (GitHubApiVersion.Header, GitHubApiVersion.Current));
    }

    [Fact]
    public void BreakingChangesOf20260310_InWhatIssueSyncCalls_AreExactlyTheReviewedList()
    {
        var changes = BreakingChanges(LoadSubset());

        Assert.Equal(
            [
                "deprecate_beta_media_type: issue.pull_request",
                "deprecate_beta_media_type: repository.master_branch",
                "remove_has_downloads: repository.has_downloads",
                "remove_singular_assignee_from_issues_and_pull_requests: issue.assignee",
                "remove_singular_assignee_from_issues_and_pull_requests: issues/create request.assignee",
                "remove_singular_assignee_from_issues_and_pull_requests: issues/update request.assignee",
                "remove_use_squash_pr_title_as_default: repository.use_squash_pr_title_as_default",
            ],
            changes);
    }

    [Fact]
    public void BreakingChangesOf20260310_InTheFieldsIssueSyncReadsOrSends_AreOnlyThePullRequestLinksNoLongerNullable()
    {
        var affected = BreakingChanges(LoadSubset()).Where(Touches).ToList();

        // IssueSync only tests pull_request for presence (pull requests are skipped), so this one is harmless: with it
        // 2026-03-10 would need no code change. It never reads or sends the singular `assignee` that version removes.
        Assert.Equal(["deprecate_beta_media_type: issue.pull_request"], affected);
    }

    [Fact]
    public void Subset_CoversEveryRestOperationIssueSyncCalls()
    {
        var operations = ((JsonObject)LoadSubset()["paths"]!)
            .SelectMany(p => ((JsonObject)p.Value!).Select(m => (string)m.Value!["operationId"]!))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "issues/add-labels", "issues/create", "issues/create-comment", "issues/create-label", "issues/create-milestone", "issues/get",
                "issues/get-label", "issues/list-comments", "issues/list-comments-for-repo", "issues/list-for-repo", "issues/list-labels-for-repo",
                "issues/list-milestones", "issues/remove-label", "issues/update", "issues/update-comment", "reactions/list-for-issue",
                "reactions/list-for-issue-comment", "users/get-authenticated",
            ],
            operations);
    }

    private static bool Touches(string change)
    {
        var where = change[(change.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        var dot = where.LastIndexOf('.');
        return dot > 0 && Reads.TryGetValue(where[..dot], out var fields) && fields.Contains(where[(dot + 1)..], StringComparer.Ordinal);
    }

    private static JsonObject LoadSubset() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Trackers", "GitHub", "ApiVersions", "api.github.com.issuesync-subset.json")))!;

    /// <summary>"changeset: schema.property" or "changeset: operationId request.field", sorted.</summary>
    private static List<string> BreakingChanges(JsonObject spec)
    {
        var schemas = (JsonObject)spec["components"]!["schemas"]!;
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Visit(JsonNode? node)
        {
            if (node is not JsonObject schema)
            {
                return;
            }

            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                var name = reference[(reference.LastIndexOf('/') + 1)..];
                if (seen.Add(name))
                {
                    var target = (JsonObject)schemas[name]!;
                    foreach (var change in Changes(target))
                    {
                        foreach (var property in PatchedProperties(change["patch"]))
                        {
                            found.Add($"{change["changeset"]}: {name}{(property is null ? "" : "." + property)}");
                        }
                    }

                    Visit(target);
                }

                return;
            }

            foreach (var property in (schema["properties"] as JsonObject ?? []).Select(p => p.Value))
            {
                Visit(property);
            }

            Visit(schema["items"]);
            foreach (var part in new[] { "allOf", "anyOf", "oneOf" }.SelectMany(k => schema[k] as JsonArray ?? []))
            {
                Visit(part);
            }
        }

        foreach (var operation in ((JsonObject)spec["paths"]!).SelectMany(p => ((JsonObject)p.Value!).Select(m => (JsonObject)m.Value!)))
        {
            foreach (var response in (JsonObject)operation["responses"]!)
            {
                Visit(response.Value);
            }

            Visit(operation["requestBody"]);
            foreach (var change in Changes(operation))
            {
                var requestFields = change["patch"]?["requestBody"]?["content"]?["application/json"]?["schema"]?["properties"] as JsonObject ?? [];
                foreach (var field in requestFields)
                {
                    found.Add($"{change["changeset"]}: {operation["operationId"]} request.{field.Key}");
                }

                foreach (var response in change["patch"]?["responses"] as JsonObject ?? [])
                {
                    found.Add($"{change["changeset"]}: {operation["operationId"]} response {response.Key}");
                }
            }
        }

        return [.. found];
    }

    private static IEnumerable<JsonObject> Changes(JsonObject node) =>
        (node["x-github-breaking-changes"] as JsonArray ?? []).OfType<JsonObject>().Where(c => c["version"]?.GetValue<string>() == Next);

    /// <summary>The top-level properties a patch touches (a merge patch's <c>properties</c> keys, or JSON Patch paths); null for the schema as a whole.</summary>
    private static IEnumerable<string?> PatchedProperties(JsonNode? patch) => patch switch
    {
        JsonObject merge when merge["properties"] is JsonObject properties => properties.Select(p => (string?)p.Key),
        JsonArray operations => operations.Select(o => o?["path"]?.GetValue<string>().Split('/') is ["", "properties", var name, ..] ? name : null),
        _ => [null],
    };
}
