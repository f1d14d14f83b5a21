using System.Globalization;
using System.Text.Json.Nodes;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitLab.GraphQl;

/// <summary>
/// POST /api/graphql (beside /api/v4, authenticated like the REST API and counted against the same per-minute
/// throttle). GitLab answers HTTP 200 with an <c>errors</c> array for a query it refuses: a parse or validation
/// error, or a complexity above 250 ("Query has complexity of N, which exceeds max complexity of 250").
/// </summary>
internal static class GitLabGraphQlHandler
{
    public static ApiReply Execute(ApiRequest r)
    {
        if (r.Str("query") is not { Length: > 0 } query)
        {
            return Errors(new GqlException("No query string was present"));
        }

        try
        {
            var selections = GqlDocument.Parse(query, r.Args["variables"] as JsonObject);
            GitLabGqlSchema.Validate(selections, "Query", GitLabGqlSchema.Types["Query"]);
            var complexity = GitLabGqlSchema.Complexity(selections, GitLabGqlSchema.Types["Query"]);
            if (complexity > GitLabGqlSchema.MaxComplexity)
            {
                return Errors(new GqlException(string.Create(
                    CultureInfo.InvariantCulture, $"Query has complexity of {complexity}, which exceeds max complexity of {GitLabGqlSchema.MaxComplexity}")));
            }

            return ApiReply.Ok(new JsonObject { ["data"] = GitLabGqlExecutor.Run(r.Instance, r.User, selections) });
        }
        catch (GqlException ex)
        {
            return Errors(ex);
        }
    }

    private static ApiReply Errors(GqlException error)
    {
        var entry = new JsonObject { ["message"] = error.Message };
        if (error.Line > 0)
        {
            entry["locations"] = new JsonArray(new JsonObject { ["line"] = error.Line, ["column"] = error.Column });
        }

        return ApiReply.Ok(new JsonObject { ["errors"] = new JsonArray(entry) });
    }
}
