using Hangfire;
using Hangfire.Dashboard;

namespace Sync.Worker.Dashboard;

internal static class DashboardEndpoints
{
    public const string Path = "/hangfire";

    private static int extended;

    /// <summary>The Hangfire dashboard behind <see cref="DashboardAuthentication"/>, with the IssueSync page in its menu.</summary>
    public static void MapIssueSyncDashboard(this WebApplication app)
    {
        ExtendHangfireOnce();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseMiddleware<DashboardAuthentication>());
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "IssueSync",
            Authorization = [new DashboardAccessFilter()],
            // The connection string can carry a password: never show it.
            DisplayStorageConnectionString = false,
        });
    }

    /// <summary>Hangfire's routes and menu are process-wide statics; tests build several hosts in one process.</summary>
    private static void ExtendHangfireOnce()
    {
        if (Interlocked.Exchange(ref extended, 1) == 1)
        {
            return;
        }

        DashboardRoutes.Routes.AddRazorPage(MaintainerPage.Route, _ => new MaintainerPage());
        MaintainerActions.Register(DashboardRoutes.Routes);
        NavigationMenu.Items.Add(page => new MenuItem(MaintainerPage.Title, page.Url.To(MaintainerPage.Route))
        {
            Active = page.RequestPath.StartsWith(MaintainerPage.Route, StringComparison.Ordinal),
        });
    }
}
