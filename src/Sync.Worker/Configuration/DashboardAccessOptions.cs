namespace Sync.Worker.Configuration;

/// <summary>
/// Who may open the dashboard (<c>IssueSync:Dashboard</c>). With no users only direct loopback requests get in; with
/// users, every request needs HTTP Basic credentials whose password matches the user's PBKDF2 hash, unless
/// <see cref="AllowLoopback"/> is set to true.
/// </summary>
internal sealed class DashboardAccessOptions
{
    public List<DashboardUserOptions> Users { get; set; } = [];

    /// <summary>
    /// Let direct loopback requests naming a loopback host in without credentials (e.g. <c>kubectl port-forward</c>).
    /// Unset: only while no user is configured, because a proxy on the same host (a TLS sidecar, a service mesh)
    /// turns outside requests into loopback ones.
    /// </summary>
    public bool? AllowLoopback { get; set; }

    /// <summary>The only <c>Host</c> names the dashboard answers (port ignored); empty answers any.</summary>
    public List<string> Hosts { get; set; } = [];

    /// <summary>Whether loopback requests get in without credentials, once the default is applied.</summary>
    public bool LoopbackWithoutCredentials => AllowLoopback ?? Users.Count == 0;
}

internal sealed class DashboardUserOptions
{
    public string? Name { get; set; }

    /// <summary><c>pbkdf2-sha256$&lt;iterations&gt;$&lt;base64 salt&gt;$&lt;base64 hash&gt;</c>, made with <c>--hash-password</c>.</summary>
    public string? PasswordHash { get; set; }
}
