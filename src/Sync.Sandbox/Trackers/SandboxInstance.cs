using Sync.Sandbox.Model;

namespace Sync.Sandbox;

/// <summary>
/// One emulated tracker (a GitLab or GitHub host) with its users, projects and token. Every read and write,
/// from HTTP handlers or tests, goes through <see cref="Sync"/> so the state stays consistent.
/// </summary>
public sealed partial class SandboxInstance
{
    private readonly Dictionary<string, SandboxUser> _usersByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SandboxUser> _usersByToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxProject> _projectsByPath = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SandboxProject> _projects = [];
    private long _lastId;

    internal SandboxInstance(string name, string kind, string token, TimeProvider time, long idBase)
    {
        Name = name;
        Kind = kind;
        Token = token;
        Time = time;
        _lastId = idBase;
        Bot = User("sandbox-bot");
        _usersByToken[token] = Bot;
    }

    /// <summary>Path segment and stats key: gitlab-dev, gitlab or github.</summary>
    public string Name { get; }

    /// <summary>"GitLab", "GitHub" or "Discourse".</summary>
    public string Kind { get; }
    public string Token { get; }

    /// <summary>
    /// A GitLab instance on a Premium or Ultimate tier (default: Free). Only then does an issue carry <c>weight</c>, and
    /// only then is a <c>weight</c> parameter applied (<c>ee/lib/ee/api/entities/issue_basic.rb</c>: <c>expose :weight,
    /// if: ->(issue, _) { issue.supports_weight? }</c>, a licensed feature; Community Edition has no such field).
    /// </summary>
    public bool Premium { get; set; }

    /// <summary>
    /// GitHub: read the issue list's <c>since</c> as strictly after the given second. GitHub's docs once said "at or
    /// after" and now say "after the given time"; the default follows the older wording, and tests run the client under
    /// both readings (docs/tracker-behaviour.md, "Incremental listing").
    /// </summary>
    public bool SinceIsExclusive { get; set; }

    /// <summary>The user the instance token belongs to (id 1).</summary>
    public SandboxUser Bot { get; }
    public Uri ApiUrl { get; private set; } = new("http://127.0.0.1/");
    public Uri WebUrl { get; private set; } = new("http://127.0.0.1/");
    public Lock Sync { get; } = new();
    internal TimeProvider Time { get; }
    internal bool IsGitHub => Kind == TrackerKinds.GitHub;

    internal void Bind(Uri baseAddress)
    {
        WebUrl = new Uri(baseAddress, Name + "/");
        ApiUrl = new Uri(baseAddress, Kind == TrackerKinds.Discourse ? Name + "/" : IsGitHub ? Name + "/api/v3/" : Name + "/api/v4/");
    }

    internal long NextId() => ++_lastId;

    public SandboxUser User(string username)
    {
        lock (Sync)
        {
            if (!_usersByName.TryGetValue(username, out var user))
            {
                user = new SandboxUser(_usersByName.Count + 1, username, ToDisplayName(username));
                _usersByName[username] = user;
            }

            return user;
        }
    }

    public SandboxUser? FindUser(long id)
    {
        lock (Sync)
        {
            return _usersByName.Values.FirstOrDefault(u => u.Id == id);
        }
    }

    public IReadOnlyList<SandboxUser> Users()
    {
        lock (Sync)
        {
            return [.. _usersByName.Values];
        }
    }

    /// <summary>Lets a test act as another user: requests with <paramref name="token"/> authenticate as them.</summary>
    public void SetUserToken(string username, string token)
    {
        var user = User(username);
        lock (Sync)
        {
            _usersByToken[token] = user;
        }
    }

    internal SandboxUser? Authenticate(string? token)
    {
        if (token is null)
        {
            return null;
        }

        lock (Sync)
        {
            return _usersByToken.GetValueOrDefault(token);
        }
    }

    public SandboxProject CreateProject(string path, bool isPrivate, string description = "")
    {
        var parts = path.Split('/', 2);
        lock (Sync)
        {
            var project = new SandboxProject
            {
                Id = _projects.Count + (IsGitHub ? 700_001 : 101),
                Owner = parts[0],
                Name = parts[1],
                IsPrivate = isPrivate,
                Description = description,
                CreatedAt = Time.GetUtcNow().AddYears(-2),
                Creator = Bot,
            };
            _projects.Add(project);
            _projectsByPath[path] = project;
            return project;
        }
    }

    public IReadOnlyList<SandboxProject> Projects()
    {
        lock (Sync)
        {
            return [.. _projects];
        }
    }

    /// <summary>Finds a project by "group/name" path or numeric id.</summary>
    public SandboxProject? FindProject(string pathOrId)
    {
        lock (Sync)
        {
            if (long.TryParse(pathOrId, out var id))
            {
                return _projects.Find(p => p.Id == id);
            }

            return _projectsByPath.GetValueOrDefault(pathOrId);
        }
    }

    public SandboxProject Project(string path) =>
        FindProject(path) ?? throw new KeyNotFoundException($"No project {path} on {Name}.");

    /// <summary>
    /// Makes only these users members of a project (every user is a member of every project until this is called):
    /// on GitLab a private project then answers 404 "404 Project Not Found" to anyone else, on every project route.
    /// </summary>
    public void SetMembers(string path, params string[] usernames)
    {
        var project = Project(path);
        var members = usernames.Select(User).Select(u => u.Id).ToHashSet();
        lock (Sync)
        {
            project.Members = members;
        }
    }

    /// <summary>Whether <paramref name="user"/> may read <paramref name="project"/>: it is public, or they are a member.</summary>
    public bool CanRead(SandboxUser user, SandboxProject project)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(project);
        return !project.IsPrivate || project.Members is not { } members || members.Contains(user.Id);
    }

    private static string ToDisplayName(string username) =>
        string.Join(' ', username.Split('.', '-', '_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
}
