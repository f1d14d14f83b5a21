namespace Sync.Worker.Configuration;

/// <summary>
/// Who may open the dashboard (<c>IssueSync:Dashboard</c>). With no users only loopback requests get in; with users,
/// every other request needs HTTP Basic credentials whose password matches the user's PBKDF2 hash.
/// </summary>
public sealed class DashboardAccessOptions
{
    public List<DashboardUserOptions> Users { get; set; } = [];

    /// <summary>
    /// Let loopback requests in without credentials (e.g. <c>kubectl port-forward</c>). Turn off when a proxy on the same
    /// host (a TLS sidecar) forwards outside requests over loopback.
    /// </summary>
    public bool AllowLoopback { get; set; } = true;
}

public sealed class DashboardUserOptions
{
    public string? Name { get; set; }

    /// <summary><c>pbkdf2-sha256$&lt;iterations&gt;$&lt;base64 salt&gt;$&lt;base64 hash&gt;</c>, made with <c>--hash-password</c>.</summary>
    public string? PasswordHash { get; set; }
}
