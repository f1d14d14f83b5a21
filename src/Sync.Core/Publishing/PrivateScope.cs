namespace Sync.Core.Publishing;

/// <summary>
/// Where private places are, for text that goes from one private source project to one public project:
/// <list type="bullet">
/// <item>the source project itself (unless the rules allow linking to it);</item>
/// <item>a source on another instance than the target: its whole instance (its host, when that host is not the
/// target's; else everything under its web root), so links into other private projects, wikis and snippets never
/// travel;</item>
/// <item>a source on the target's instance or on a shared host (github.com, gitlab.com): the source's top-level
/// namespace (<c>acme</c> of <c>acme/widget-dev</c>), except the target project and configured public paths;</item>
/// <item>configured internal hosts and their subdomains.</item>
/// </list>
/// </summary>
public sealed record PrivateScope
{
    /// <summary>Hosts that serve many tenants: a private project there never makes the whole host private.</summary>
    public static readonly IReadOnlyList<string> SharedHosts = ["github.com", "gitlab.com"];

    /// <summary>Web root of the source instance (<c>https://dev.example/</c>), ending in '/'; null when unknown.</summary>
    public Uri? SourceWebRoot { get; init; }

    /// <summary>Web URL of the private source project, ending in '/'; null when unknown.</summary>
    public Uri? SourceProject { get; init; }

    /// <summary>The source project's path (<c>acme/widget-dev</c>).</summary>
    public string SourcePath { get; init; } = string.Empty;

    /// <summary>Web URL of the public project, ending in '/'; links into it are public.</summary>
    public Uri? TargetProject { get; init; }

    /// <summary>Host names (and their subdomains) that never appear publicly, the source host included when it is internal.</summary>
    public IReadOnlyList<string> InternalHosts { get; init; } = [];

    /// <summary>URL prefixes under which everything is private, unless under one of <see cref="PublicRoots"/>.</summary>
    public IReadOnlyList<Uri> PrivateRoots { get; init; } = [];

    /// <summary>URL prefixes that stay public inside a private root (the target project, configured public paths).</summary>
    public IReadOnlyList<Uri> PublicRoots { get; init; } = [];

    /// <summary>Every project of the source instance is private: its cross-project references never travel.</summary>
    public bool SourceInstanceInternal { get; init; }

    /// <summary>The rules allow links to the source project itself (and so its path) to appear publicly.</summary>
    public bool LinkToSource { get; init; }

    /// <param name="sourceWebRoot">Web root of the source instance; null when unknown.</param>
    /// <param name="targetWebRoot">Web root of the target instance.</param>
    /// <param name="sourceInstanceInternal">Null: internal whenever the source instance is not the target's and its host is not shared.</param>
    /// <param name="publicPaths">Project paths on the source instance that are public (<c>group/project</c> or <c>group/*</c>).</param>
    public static PrivateScope For(
        Uri? sourceWebRoot,
        string sourcePath,
        Uri? targetWebRoot,
        string targetPath,
        IReadOnlyList<string> internalHosts,
        IReadOnlyList<string> publicPaths,
        bool? sourceInstanceInternal,
        bool linkToSource)
    {
        var hosts = internalHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(NormalizeHost).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var source = sourcePath.Trim().Trim('/');
        var sourceRoot = sourceWebRoot is null ? null : WithSlash(sourceWebRoot);
        var targetRoot = targetWebRoot is null ? null : WithSlash(targetWebRoot);
        var targetProject = targetRoot is null ? null : new Uri(targetRoot, targetPath.Trim('/') + "/");
        var sameInstance = sourceRoot is not null && targetRoot is not null && Uri.Compare(sourceRoot, targetRoot, UriComponents.HostAndPort | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        var sameHost = sourceRoot is not null && targetRoot is not null && string.Equals(sourceRoot.IdnHost, targetRoot.IdnHost, StringComparison.OrdinalIgnoreCase);
        var shared = sourceRoot is not null && SharedHosts.Contains(NormalizeHost(sourceRoot.IdnHost), StringComparer.OrdinalIgnoreCase);
        var instanceInternal = sourceRoot is not null && (sourceInstanceInternal ?? (!sameInstance && !shared));

        var privateRoots = new List<Uri>();
        var publicRoots = new List<Uri>();
        if (instanceInternal && !sameHost)
        {
            hosts.Add(NormalizeHost(sourceRoot!.IdnHost));
        }
        else if (instanceInternal)
        {
            privateRoots.Add(sourceRoot!);
        }
        else if (sourceRoot is not null && source.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash)
        {
            privateRoots.Add(new Uri(sourceRoot, source[..slash] + "/"));
        }

        if (sourceRoot is not null)
        {
            publicRoots.AddRange(publicPaths
                .Select(p => p.Trim().Trim('/'))
                .Where(p => p.Length > 0)
                .Select(p => new Uri(sourceRoot, (p.EndsWith("/*", StringComparison.Ordinal) ? p[..^2] : p) + "/")));
        }

        if (targetProject is not null)
        {
            publicRoots.Add(targetProject);
        }

        return new PrivateScope
        {
            SourceWebRoot = sourceRoot,
            SourceProject = sourceRoot is null || source.Length == 0 ? null : new Uri(sourceRoot, source + "/"),
            SourcePath = source,
            TargetProject = targetProject,
            InternalHosts = hosts,
            PrivateRoots = privateRoots,
            PublicRoots = publicRoots,
            SourceInstanceInternal = instanceInternal,
            LinkToSource = linkToSource,
        };
    }

    /// <summary>Whether <paramref name="host"/> is an internal host or a subdomain of one.</summary>
    public bool IsInternalHost(string host)
    {
        var h = NormalizeHost(host);
        return InternalHosts.Any(i => h.Equals(i, StringComparison.OrdinalIgnoreCase) || h.EndsWith("." + i, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether an absolute URL leads somewhere private (the source project itself is private unless linking to it is allowed).</summary>
    public bool IsPrivateUrl(Uri url)
    {
        var normal = Canonical(url);
        if (SourceProject is { } project && IsUnderProject(normal, project))
        {
            return !LinkToSource;
        }

        if (IsInternalHost(normal.IdnHost))
        {
            return true;
        }

        return PrivateRoots.Any(r => IsUnder(normal, r)) && !PublicRoots.Any(r => IsUnderProject(normal, r));
    }

    /// <summary>Whether a project path of the source instance (from a reference like <c>group/project#4</c>) is private.</summary>
    public bool IsPrivateProject(string path)
    {
        var p = path.Trim().Trim('/');
        if (string.Equals(p, SourcePath, StringComparison.OrdinalIgnoreCase))
        {
            return !LinkToSource;
        }

        if (SourceInstanceInternal || SourceWebRoot is null)
        {
            return true;
        }

        return Uri.TryCreate(SourceWebRoot, p + "/", out var url) && IsPrivateUrl(url);
    }

    /// <summary><paramref name="url"/> is <paramref name="root"/> or below it (path prefix, case-insensitive, same host and port).</summary>
    internal static bool IsUnder(Uri url, Uri root) =>
        string.Equals(url.IdnHost, root.IdnHost, StringComparison.OrdinalIgnoreCase)
        && (url.Port == root.Port || (url.IsDefaultPort && root.IsDefaultPort))
        && (Uri.UnescapeDataString(url.AbsolutePath) + "/").StartsWith(Uri.UnescapeDataString(root.AbsolutePath), StringComparison.OrdinalIgnoreCase);

    /// <summary>Like <see cref="IsUnder"/>, and <c>/acme/widget-dev.git</c> or <c>.wiki</c> count as inside <c>/acme/widget-dev/</c>.</summary>
    internal static bool IsUnderProject(Uri url, Uri project)
    {
        if (IsUnder(url, project))
        {
            return true;
        }

        var root = Uri.UnescapeDataString(project.AbsolutePath).TrimEnd('/');
        var path = Uri.UnescapeDataString(url.AbsolutePath);
        return IsUnder(url, new Uri(project, "/")) && path.StartsWith(root + ".", StringComparison.OrdinalIgnoreCase) && root.Length > 1;
    }

    /// <summary>GitHub serves a repository's files and API under other host names; they count as github.com/&lt;repo&gt;.</summary>
    private static Uri Canonical(Uri url)
    {
        var host = url.IdnHost.ToLowerInvariant();
        var path = url.AbsolutePath;
        if (host == "api.github.com" && path.StartsWith("/repos/", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri("https://github.com" + path["/repos".Length..]);
        }

        return host is "raw.githubusercontent.com" or "github.dev" or "www.github.com" ? new Uri("https://github.com" + path) : url;
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static string NormalizeHost(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();
}
