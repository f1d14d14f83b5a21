using System.Collections.Frozen;
using System.Globalization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Sync.Worker.Configuration;

namespace Sync.Worker.Dashboard;

/// <summary>
/// Guards the <c>/hangfire</c> branch: direct loopback requests naming a loopback host (when allowed), or HTTP Basic
/// credentials of a configured user. It runs before Hangfire because a Hangfire filter that says no gives a bare 401,
/// without the <c>WWW-Authenticate</c> challenge a browser needs to ask for a password.
/// <para>
/// Posts that a browser marks as cross-site are refused (see <see cref="CrossSiteRequest"/>). This is stateless, unlike
/// ASP.NET Core antiforgery tokens, whose keys differ per replica unless data protection is shared.
/// </para>
/// </summary>
internal sealed class DashboardAuthentication(
    RequestDelegate next,
    IOptions<IssueSyncOptions> options,
    IOptions<ForwardedHeadersOptions> forwarded,
    DashboardCredentials credentials,
    DashboardFailureLimiter limiter,
    ILogger<DashboardAuthentication> logger)
{
    public const string Realm = "IssueSync";
    public const string Challenge = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";

    /// <summary>Who got in: a user name, or <see cref="LoopbackUser"/>; read by <see cref="DashboardAccessFilter"/>.</summary>
    internal const string UserItem = "IssueSync.DashboardUser";
    internal const string LoopbackUser = "(loopback)";

    private readonly bool allowLoopback = options.Value.Dashboard.LoopbackWithoutCredentials;
    private readonly FrozenSet<string> hosts = RequestHost.Allowed(options.Value.Dashboard.Hosts);
    private readonly LoopbackRequest loopback = new(forwarded.Value);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!RequestHost.IsAnswered(hosts, request.Host))
        {
            // Like ASP.NET Core's host filtering: a name the operator did not list is a bad request.
            return Refuse(context, StatusCodes.Status400BadRequest);
        }

        if (allowLoopback && loopback.IsDirectLoopback(context) && RequestHost.IsLoopbackName(request.Host))
        {
            return Admit(context, LoopbackUser);
        }

        if (!credentials.HasUsers)
        {
            // No credential could help, so there is nothing to challenge for.
            return Refuse(context, StatusCodes.Status403Forbidden);
        }

        if (BasicCredentials.TryRead(request, out var name, out var password))
        {
            // The forwarded client when the forwarded-headers middleware is on, else the proxy or the client itself.
            var client = context.Connection.RemoteIpAddress;
            if (limiter.RetryAfter(client) is { } wait)
            {
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Refuse(context, StatusCodes.Status429TooManyRequests);
            }

            if (credentials.Check(name, password) is { } user)
            {
                return Admit(context, user);
            }

            var remote = client?.ToString() ?? "an unknown address";
            Log.CredentialsRejected(logger, remote);
            if (limiter.RecordFailure(client))
            {
                Log.FailureLimitReached(logger, remote, DashboardFailureLimiter.MaxFailures, DashboardFailureLimiter.Window);
            }
        }

        context.Response.Headers.WWWAuthenticate = Challenge;
        return Refuse(context, StatusCodes.Status401Unauthorized);
    }

    private Task Admit(HttpContext context, string user)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && CrossSiteRequest.IsCrossSite(context.Request))
        {
            return Refuse(context, StatusCodes.Status403Forbidden);
        }

        context.Items[UserItem] = user;
        return next(context);
    }

    private static Task Refuse(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
