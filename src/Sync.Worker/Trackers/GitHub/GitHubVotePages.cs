using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sync.Worker.Trackers.GitHub;

/// <summary>
/// What the conditional-request cache keeps of a vote read's page: per issue or comment object only the fields a vote
/// signal is built from. On the recorded pages of @octokit/fixtures (paginate-issues) an issue takes ~2.3 KB (user object,
/// URLs, body) and ~340 bytes trimmed: 10,000 issues store ~3.4 MB instead of ~23 MB plus their bodies.
/// </summary>
internal static class GitHubVotePages
{
    private static readonly string[] Kept = ["id", "number", "title", "user", "reactions", "pull_request", "issue_url"];

    private static readonly string[] KeptOfUser = ["login", "id"];

    /// <summary>The page (an array of objects, or one object) with only the kept fields; anything else is kept as it is.</summary>
    public static string Trim(string body)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return body;
        }

        return json switch
        {
            JsonArray items => new JsonArray([.. items.Select(i => i is JsonObject o ? (JsonNode)TrimObject(o) : i?.DeepClone())]).ToJsonString(),
            JsonObject item => TrimObject(item).ToJsonString(),
            _ => body,
        };
    }

    private static JsonObject TrimObject(JsonObject item)
    {
        var trimmed = new JsonObject();
        foreach (var name in Kept)
        {
            if (item.TryGetPropertyValue(name, out var value))
            {
                trimmed[name] = name == "user" && value is JsonObject user ? Pick(user, KeptOfUser) : value?.DeepClone();
            }
        }

        return trimmed;
    }

    private static JsonObject Pick(JsonObject source, string[] names)
    {
        var picked = new JsonObject();
        foreach (var name in names)
        {
            if (source.TryGetPropertyValue(name, out var value))
            {
                picked[name] = value?.DeepClone();
            }
        }

        return picked;
    }
}
