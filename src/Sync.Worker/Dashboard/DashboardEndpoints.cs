using Hangfire;
using Hangfire.Dashboard;

namespace Sync.Worker.Dashboard;

internal static class DashboardEndpoints
{
    public const string Path = "/hangfire";

    private static int extended;

    /// <summary>
    /// The Hangfire dashboard behind <see cref="DashboardAuthentication"/>, with the IssueSync pages in its menu, and
    /// <c>/audit.json</c> behind the same authentication.
    /// </summary>
    public static void MapIssueSyncDashboard(this WebApplication app)
    {
        ExtendHangfireOnce();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.StartsWithSegments(AuditExport.JsonPath, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseMiddleware<DashboardAuthentication>());
        app.MapAuditJson();
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
        DashboardRoutes.Routes.AddRazorPage(MovesPage.Route, _ => new MovesPage());
        DashboardRoutes.Routes.AddRazorPage(AuditPage.Route, _ => new AuditPage());
        DashboardRoutes.Routes.AddRazorPage(DemandPage.Route, _ => new DemandPage());
        DashboardRoutes.Routes.AddRazorPage(ImportPage.Route, _ => new ImportPage());
        DashboardRoutes.Routes.AddRazorPage(ReleasesPage.Route, _ => new ReleasesPage());
        MaintainerActions.Register(DashboardRoutes.Routes);
        MoveActions.Register(DashboardRoutes.Routes);
        ImportActions.Register(DashboardRoutes.Routes);
        ReleasesActions.Register(DashboardRoutes.Routes);
        // The IssueSync page's route prefixes the others: its item is active only on its own page and actions.
        string[] pages = [MovesPage.Route, AuditPage.Route, DemandPage.Route, ImportPage.Route, ReleasesPage.Route];
        AddMenuItem(MaintainerPage.Title, MaintainerPage.Route, path => !pages.Any(p => path.StartsWith(p, StringComparison.Ordinal)));
        AddMenuItem(MovesPage.Title, MovesPage.Route);
        AddMenuItem(AuditPage.Title, AuditPage.Route);
        AddMenuItem(DemandPage.Title, DemandPage.Route);
        AddMenuItem(ImportPage.Title, ImportPage.Route);
        AddMenuItem(ReleasesPage.Title, ReleasesPage.Route);
    }

    private static void AddMenuItem(string title, string route, Func<string, bool>? also = null) =>
        NavigationMenu.Items.Add(page => new MenuItem(title, page.Url.To(route))
        {
            Active = page.RequestPath.StartsWith(route, StringComparison.Ordinal) && (also is null || also(page.RequestPath)),
        });
}
