using System.Text.Json.Nodes;
using Sync.Sandbox.GitLab.GraphQl;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitHub.GraphQl;

/// <summary>
/// The Discussions mutations IssueSync sends (docs.github.com/graphql/reference/mutations): <c>addDiscussionComment</c>
/// (input discussionId, body, optional replyToId), <c>closeDiscussion</c> (input discussionId, reason: DUPLICATE, OUTDATED
/// or RESOLVED, default RESOLVED) and <c>lockLockable</c> (input lockableId). A node id that resolves to nothing is null
/// with NOT_FOUND at the mutation's key; a blank body is refused with UNPROCESSABLE.
/// </summary>
internal static partial class GitHubGraphQlHandler
{
    private static readonly HashSet<string> CloseReasons = ["DUPLICATE", "OUTDATED", "RESOLVED"];

    private static JsonObject? Mutation(ApiRequest r, GqlField field, List<JsonObject> errors)
    {
        var input = field.Args.GetValueOrDefault("input") as JsonObject
            ?? throw new GqlException($"Argument 'input' on Field '{field.Name}' is missing", field.Line, field.Column);
        return field.Name switch
        {
            "addDiscussionComment" => AddComment(r, field, input, errors),
            "closeDiscussion" => Close(r, field, input, errors),
            "lockLockable" => Lock(r, field, input, errors),
            _ => throw Unknown(field, "Mutation"),
        };
    }

    private static JsonObject? AddComment(ApiRequest r, GqlField field, JsonObject input, List<JsonObject> errors)
    {
        var id = input["discussionId"]?.GetValue<string>() ?? string.Empty;
        if (r.Instance.FindDiscussionByNodeId(id) is not { } discussion)
        {
            errors.Add(NotFound($"Could not resolve to a node with the global id of '{id}'", field.Key));
            return null;
        }

        var body = input["body"]?.GetValue<string>() ?? string.Empty;
        if (string.IsNullOrWhiteSpace(body))
        {
            errors.Add(Unprocessable("Body can't be blank", field.Key));
            return null;
        }

        if (GitHubBodyLimit.TooLong(r.Limits.GitHubBodyCount, body))
        {
            errors.Add(Unprocessable($"Body is too long (maximum is {GitHubBodyLimit.MaxCharacters} characters)", field.Key));
            return null;
        }

        var parent = input["replyToId"]?.GetValue<string>() is { } replyTo ? r.Instance.FindDiscussionCommentByNodeId(replyTo) : null;
        var comment = r.Instance.CreateDiscussionComment(discussion, parent?.Parent ?? parent, r.User, body);
        return Select(field, "AddDiscussionCommentPayload", f => f.Name switch
        {
            "comment" => Comment(f, comment),
            "clientMutationId" => input["clientMutationId"]?.DeepClone(),
            _ => throw Unknown(f, "AddDiscussionCommentPayload"),
        });
    }

    private static JsonObject? Close(ApiRequest r, GqlField field, JsonObject input, List<JsonObject> errors)
    {
        var id = input["discussionId"]?.GetValue<string>() ?? string.Empty;
        var reason = input["reason"]?.GetValue<string>() ?? "RESOLVED";
        if (!CloseReasons.Contains(reason))
        {
            throw new GqlException($"Argument 'reason' on InputObject 'CloseDiscussionInput' has an invalid value ({reason}). Expected type 'DiscussionCloseReason'.", field.Line, field.Column);
        }

        if (r.Instance.FindDiscussionByNodeId(id) is not { } discussion)
        {
            errors.Add(NotFound($"Could not resolve to a node with the global id of '{id}'", field.Key));
            return null;
        }

        // Closing a closed discussion again changes nothing (no source says it is refused; the client copes either way).
        if (!discussion.Closed)
        {
            discussion.Closed = true;
            discussion.ClosedAt = r.Now;
            discussion.StateReason = reason;
            discussion.UpdatedAt = r.Now;
        }

        return Select(field, "CloseDiscussionPayload", f => f.Name switch
        {
            "discussion" => Discussion(r, discussion, f),
            "clientMutationId" => input["clientMutationId"]?.DeepClone(),
            _ => throw Unknown(f, "CloseDiscussionPayload"),
        });
    }

    private static JsonObject? Lock(ApiRequest r, GqlField field, JsonObject input, List<JsonObject> errors)
    {
        var id = input["lockableId"]?.GetValue<string>() ?? string.Empty;
        if (r.Instance.FindDiscussionByNodeId(id) is not { } discussion)
        {
            errors.Add(NotFound($"Could not resolve to a node with the global id of '{id}'", field.Key));
            return null;
        }

        if (!discussion.Locked)
        {
            discussion.Locked = true;
            discussion.UpdatedAt = r.Now;
        }

        return Select(field, "LockLockablePayload", f => f.Name switch
        {
            "lockedRecord" => Discussion(r, discussion, f),
            "clientMutationId" => input["clientMutationId"]?.DeepClone(),
            _ => throw Unknown(f, "LockLockablePayload"),
        });
    }

    private static JsonObject Unprocessable(string message, params string[] path) => new()
    {
        ["type"] = "UNPROCESSABLE",
        ["path"] = new JsonArray([.. path.Select(p => (JsonNode?)p)]),
        ["message"] = message,
    };
}
