using System.Text.Json;

namespace Sync.Worker.Webhooks;

/// <summary>
/// The GitHub events that can change an issue IssueSync reads (<c>X-GitHub-Event</c>): <c>issues</c> and
/// <c>issue_comment</c> (comments on pull requests excluded). Reactions have no webhook event on GitHub; a reaction
/// is picked up by the next scheduled pass.
/// </summary>
internal static class GitHubEvents
{
    public const string Ping = "ping";
    public const string Issues = "issues";
    public const string IssueComment = "issue_comment";

    public static bool IsRelevant(string? eventName) => eventName is Issues or IssueComment;

    public static WebhookDelivery Parse(string eventName, JsonElement payload)
    {
        var issue = payload.Member("issue");
        if (issue is null)
        {
            return WebhookDelivery.Bad("no issue");
        }

        if (eventName == IssueComment && issue.Value.Member("pull_request") is not null)
        {
            return WebhookDelivery.Ignore("comment on a pull request");
        }

        var repository = payload.Member("repository");
        var fullName = repository?.String("full_name");
        if (fullName is null)
        {
            return WebhookDelivery.Bad("no repository.full_name");
        }

        return issue.Value.Number("number") is { } number
            ? WebhookDelivery.Issue(fullName, repository?.String("html_url"), number)
            : WebhookDelivery.Bad("no issue.number");
    }
}
