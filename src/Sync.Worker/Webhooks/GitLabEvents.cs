using System.Text.Json;

namespace Sync.Worker.Webhooks;

/// <summary>
/// The GitLab events that can change an issue IssueSync reads (<c>X-Gitlab-Event</c>): issue and comment events
/// (confidential ones too: the move rules decide what may go public) and emoji reactions on an issue or on a
/// comment of an issue. Everything else is ignored.
/// </summary>
internal static class GitLabEvents
{
    public const string Issue = "Issue Hook";
    public const string ConfidentialIssue = "Confidential Issue Hook";
    public const string Note = "Note Hook";
    public const string ConfidentialNote = "Confidential Note Hook";
    public const string Emoji = "Emoji Hook";

    public static bool IsRelevant(string? eventName) =>
        eventName is Issue or ConfidentialIssue or Note or ConfidentialNote or Emoji;

    public static bool IsConfidential(string? eventName) => eventName is ConfidentialIssue or ConfidentialNote;

    /// <summary>Reads the project and issue of a relevant event's payload.</summary>
    public static WebhookDelivery Parse(string eventName, JsonElement payload)
    {
        var attributes = payload.Member("object_attributes");
        if (attributes is null)
        {
            return WebhookDelivery.Bad("no object_attributes");
        }

        long? number;
        switch (eventName)
        {
            case Issue or ConfidentialIssue:
                number = attributes.Value.Number("iid");
                break;
            case Note or ConfidentialNote:
                var noteable = attributes.Value.String("noteable_type");
                if (noteable != "Issue")
                {
                    return WebhookDelivery.Ignore($"comment on {WebhookJson.Printable(noteable)}");
                }

                number = payload.Member("issue")?.Number("iid");
                break;
            default:
                var awardable = attributes.Value.String("awardable_type");
                if (awardable == "Note" && payload.Member("note")?.String("noteable_type") is { } onNote && onNote != "Issue")
                {
                    return WebhookDelivery.Ignore($"reaction on a comment of {WebhookJson.Printable(onNote)}");
                }

                if (awardable is not ("Issue" or "Note"))
                {
                    return WebhookDelivery.Ignore($"reaction on {WebhookJson.Printable(awardable)}");
                }

                number = payload.Member("issue")?.Number("iid");
                break;
        }

        var project = payload.Member("project");
        var path = project?.String("path_with_namespace");
        if (path is null)
        {
            return WebhookDelivery.Bad("no project.path_with_namespace");
        }

        return number is { } iid ? WebhookDelivery.Issue(path, project?.String("web_url"), iid) : WebhookDelivery.Bad("no issue iid");
    }
}
