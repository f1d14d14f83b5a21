using System.Text.Json.Nodes;
using Sync.Sandbox.Model;
using static Sync.Sandbox.Pipeline.JsonTime;

namespace Sync.Sandbox.GitHub;

/// <summary>
/// The two whole objects GitHub answers about the token's account and the repository: GET /user is a
/// "private-user" and GET /repos/{owner}/{repo} a "full-repository" (GitHub's OpenAPI description, operations
/// users/get-authenticated and repos/get), with every field those schemas require.
/// </summary>
internal static class GitHubAccountJson
{
    // Every sandbox account exists from before any seeded repository.
    private static readonly DateTimeOffset AccountsCreated = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static JsonObject CurrentUser(SandboxInstance i, SandboxUser u)
    {
        var user = GitHubJson.User(i, u);
        user["name"] = u.Name;
        user["company"] = null;
        user["blog"] = "";
        user["location"] = null;
        user["email"] = null;
        user["hireable"] = null;
        user["bio"] = null;
        user["twitter_username"] = null;
        user["notification_email"] = null;
        user["public_repos"] = 0;
        user["public_gists"] = 0;
        user["followers"] = 0;
        user["following"] = 0;
        user["created_at"] = HubTime(AccountsCreated);
        user["updated_at"] = HubTime(AccountsCreated);
        user["private_gists"] = 0;
        user["total_private_repos"] = 0;
        user["owned_private_repos"] = 0;
        user["disk_usage"] = 0;
        user["collaborators"] = 0;
        user["two_factor_authentication"] = true;
        return user;
    }

    public static JsonObject FullRepository(SandboxInstance i, SandboxProject p)
    {
        var repo = GitHubJson.Repo(i, p);
        var api = $"{i.ApiUrl}repos/{p.Path}";
        var host = i.WebUrl.Authority;
        foreach (var (name, suffix) in UrlTemplates)
        {
            repo[name] = api + suffix;
        }

        repo["git_url"] = $"git://{host}/{p.Path}.git";
        repo["ssh_url"] = $"git@{host}:{p.Path}.git";
        repo["clone_url"] = $"{i.WebUrl}{p.Path}.git";
        repo["svn_url"] = $"{i.WebUrl}{p.Path}";
        repo["mirror_url"] = null;
        repo["network_count"] = 0;
        repo["subscribers_count"] = 0;
        return repo;
    }

    // The URI templates GitHub's own repository objects carry (docs: "Get a repository", example response).
    private static readonly (string Name, string Suffix)[] UrlTemplates =
    [
        ("archive_url", "/{archive_format}{/ref}"), ("assignees_url", "/assignees{/user}"), ("blobs_url", "/git/blobs{/sha}"),
        ("branches_url", "/branches{/branch}"), ("collaborators_url", "/collaborators{/collaborator}"), ("commits_url", "/commits{/sha}"),
        ("compare_url", "/compare/{base}...{head}"), ("contents_url", "/contents/{+path}"), ("contributors_url", "/contributors"),
        ("deployments_url", "/deployments"), ("downloads_url", "/downloads"), ("events_url", "/events"), ("forks_url", "/forks"),
        ("git_commits_url", "/git/commits{/sha}"), ("git_refs_url", "/git/refs{/sha}"), ("git_tags_url", "/git/tags{/sha}"),
        ("hooks_url", "/hooks"), ("issue_comment_url", "/issues/comments{/number}"), ("issue_events_url", "/issues/events{/number}"),
        ("keys_url", "/keys{/key_id}"), ("languages_url", "/languages"), ("merges_url", "/merges"),
        ("notifications_url", "/notifications{?since,all,participating}"), ("releases_url", "/releases{/id}"), ("stargazers_url", "/stargazers"),
        ("statuses_url", "/statuses/{sha}"), ("subscribers_url", "/subscribers"), ("subscription_url", "/subscription"), ("tags_url", "/tags"),
        ("teams_url", "/teams"), ("trees_url", "/git/trees{/sha}"),
    ];
}
