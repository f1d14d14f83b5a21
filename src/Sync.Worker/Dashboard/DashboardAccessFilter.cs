using Hangfire.Dashboard;

namespace Sync.Worker.Dashboard;

/// <summary>
/// Hangfire's own check: it lets in only requests that <see cref="DashboardAuthentication"/> let through, so the
/// dashboard stays closed if the middleware were ever left out of the pipeline.
/// </summary>
internal sealed class DashboardAccessFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => UserOf(context) is not null;

    /// <summary>The user name the request came in with, or <c>(loopback)</c>; null when it was not let in.</summary>
    public static string? UserOf(DashboardContext context) =>
        context.GetHttpContext().Items.TryGetValue(DashboardAuthentication.UserItem, out var user) ? user as string : null;
}
