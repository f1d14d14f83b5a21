using Sync.Sandbox.Model;

namespace Sync.Sandbox.Web;

/// <summary>The web URLs the API answers carry (GitLabJson, GitHubIssueJson, GitHubJson), built the same way.</summary>
internal static class WebLinks
{
    public static string Project(SandboxInstance instance, SandboxProject project) => $"{instance.WebUrl}{project.Path}";

    public static string Issue(SandboxInstance instance, SandboxIssue issue) =>
        instance.IsGitHub
            ? $"{instance.WebUrl}{issue.Project.Path}/{(issue.IsPullRequest ? "pull" : "issues")}/{issue.Number}"
            : $"{instance.WebUrl}{issue.Project.Path}/-/issues/{issue.Number}";
}
