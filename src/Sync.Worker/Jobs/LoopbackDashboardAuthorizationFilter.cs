using System.Net;
using Hangfire.Dashboard;

namespace Sync.Worker.Jobs;

/// <summary>
/// Lets only requests from a loopback address into the dashboard. Unlike Hangfire's default filter it treats a
/// missing remote address as remote, so nothing reaches the dashboard by accident through a proxy or test host.
/// </summary>
public sealed class LoopbackDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var remote = context.GetHttpContext().Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote);
    }
}
