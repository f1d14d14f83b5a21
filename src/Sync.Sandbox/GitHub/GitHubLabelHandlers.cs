using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sync.Sandbox.Model;
using Sync.Sandbox.Pipeline;
using static Sync.Sandbox.GitHub.GitHubLookup;

namespace Sync.Sandbox.GitHub;

/// <summary>Repository labels and the labels of one issue.</summary>
internal static partial class GitHubLabelHandlers
{
    public static ApiReply List(ApiRequest r) => WithRepo(r, p => Page(r, p.Labels, l => GitHubJson.Label(r.Instance, p, l)));

    public static ApiReply Get(ApiRequest r) => WithRepo(r, p =>
        p.FindLabel(r.Route("name")) is { } l ? ApiReply.Ok(GitHubJson.Label(r.Instance, p, l)) : NotFound());

    public static ApiReply Create(ApiRequest r) => WithRepo(r, p =>
    {
        var name = r.Str("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            return GitHubDialect.Validation("Label", "name", "missing_field");
        }

        var color = r.Str("color") ?? "ededed";
        if (!Hex().IsMatch(color))
        {
            return GitHubDialect.Validation("Label", "color", "invalid");
        }

        if (p.FindLabel(name) is not null)
        {
            return GitHubDialect.Validation("Label", "name", "already_exists");
        }

        var label = r.Instance.EnsureLabel(p, name, color.ToLowerInvariant(), r.Str("description"));
        return ApiReply.Created(GitHubJson.Label(r.Instance, p, label));
    });

    public static ApiReply Update(ApiRequest r) => WithRepo(r, p =>
    {
        if (p.FindLabel(r.Route("name")) is not { } label)
        {
            return NotFound();
        }

        // The documented field is new_name; Octokit's LabelUpdate still sends the older "name".
        if ((r.Str("new_name") ?? r.Str("name")) is { Length: > 0 } newName && !newName.Equals(label.Name, StringComparison.Ordinal))
        {
            if (p.FindLabel(newName) is { } other && other != label)
            {
                return GitHubDialect.Validation("Label", "name", "already_exists");
            }

            p.Rename(label, newName);
        }

        if (r.Str("color") is { } color)
        {
            if (!Hex().IsMatch(color))
            {
                return GitHubDialect.Validation("Label", "color", "invalid");
            }

            label.Color = color.ToLowerInvariant();
        }

        if (r.Has("description"))
        {
            label.Description = r.Str("description");
        }

        return ApiReply.Ok(GitHubJson.Label(r.Instance, p, label));
    });

    public static ApiReply OfIssue(ApiRequest r) => WithIssue(r, (p, issue) => Labels(r, p, issue));

    public static ApiReply Add(ApiRequest r) => WithIssue(r, (p, issue) =>
    {
        (r.List("labels") ?? []).ForEach(l => r.Instance.AddLabel(issue, l));
        issue.UpdatedAt = r.Now;
        return Labels(r, p, issue);
    });

    public static ApiReply Replace(ApiRequest r) => WithIssue(r, (p, issue) =>
    {
        issue.Labels.Clear();
        (r.List("labels") ?? []).ForEach(l => r.Instance.AddLabel(issue, l));
        issue.UpdatedAt = r.Now;
        return Labels(r, p, issue);
    });

    public static ApiReply Remove(ApiRequest r) => WithIssue(r, (p, issue) =>
    {
        if (issue.Labels.RemoveAll(l => string.Equals(l, r.Route("name"), StringComparison.OrdinalIgnoreCase)) == 0)
        {
            return GitHubDialect.Error(404, "Label does not exist");
        }

        issue.UpdatedAt = r.Now;
        return Labels(r, p, issue);
    });

    private static ApiReply Labels(ApiRequest r, SandboxProject p, SandboxIssue issue) =>
        ApiReply.Ok(new JsonArray([.. issue.Labels.Select(p.FindLabel).OfType<SandboxLabel>().Select(l => (JsonNode?)GitHubJson.Label(r.Instance, p, l))]));

    [GeneratedRegex("^[0-9a-fA-F]{6}$")]
    private static partial Regex Hex();
}
