using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Sync.Worker.Configuration;

namespace Sync.Worker.Dashboard;

/// <summary>
/// Guards the <c>/hangfire</c> branch: loopback requests (when allowed), or HTTP Basic credentials of a configured user.
/// It runs before Hangfire because a Hangfire filter that says no gives a bare 401, without the
/// <c>WWW-Authenticate</c> challenge a browser needs to ask for a password.
/// <para>
/// A browser resends Basic credentials (and loopback access needs none), so a page on another site could post to the
/// dashboard's commands: posts that the browser marks as cross-site are refused. This is stateless, unlike ASP.NET
/// Core antiforgery tokens, whose keys differ per replica unless data protection is shared.
/// </para>
/// </summary>
public sealed class DashboardAuthentication
{
    public const string Realm = "IssueSync";
    public const string Challenge = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";

    /// <summary>Who got in: a user name, or <see cref="LoopbackUser"/>; read by <see cref="DashboardAccessFilter"/>.</summary>
    internal const string UserItem = "IssueSync.DashboardUser";
    internal const string LoopbackUser = "(loopback)";

    private readonly RequestDelegate next;
    private readonly ILogger<DashboardAuthentication> logger;
    private readonly bool allowLoopback;
    private readonly Dictionary<string, PasswordHash> users = new(StringComparer.Ordinal);

    // Unknown names are checked against this, so a wrong name costs as much as a wrong password.
    private readonly PasswordHash dummy;

    public DashboardAuthentication(RequestDelegate next, IOptions<IssueSyncOptions> options, ILogger<DashboardAuthentication> logger)
    {
        this.next = next;
        this.logger = logger;
        var access = options.Value.Dashboard;
        allowLoopback = access.AllowLoopback;
        foreach (var user in access.Users)
        {
            // Validated at start-up: names are unique and every hash parses.
            users[user.Name!] = PasswordHash.Parse(user.PasswordHash);
        }

        dummy = PasswordHash.Parse(PasswordHash.Create(Guid.NewGuid().ToString("N")));
    }

    public Task InvokeAsync(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (allowLoopback && remote is not null && IPAddress.IsLoopback(remote))
        {
            return Admit(context, LoopbackUser);
        }

        if (users.Count > 0 && TryReadBasic(context.Request, out var name, out var password))
        {
            var hash = users.GetValueOrDefault(name) ?? dummy;
            if (hash.Verify(password) && !ReferenceEquals(hash, dummy))
            {
                return Admit(context, name);
            }

            Log.CredentialsRejected(logger, remote?.ToString() ?? "an unknown address");
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (users.Count > 0)
        {
            context.Response.Headers.WWWAuthenticate = Challenge;
        }

        return Task.CompletedTask;
    }

    private Task Admit(HttpContext context, string user)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && IsCrossSite(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        context.Items[UserItem] = user;
        return next(context);
    }

    /// <summary>
    /// Fetch metadata when the browser sends it, else the <c>Origin</c> host against the request's; requests without
    /// either (scripts, curl) are not from a browser page and pass.
    /// </summary>
    internal static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        // The scheme is left out: behind the TLS ingress the page is https while this process sees http.
        return !Uri.TryCreate(origin, UriKind.Absolute, out var from)
            || !string.Equals(from.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryReadBasic(HttpRequest request, out string name, out string password)
    {
        name = password = string.Empty;
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Math.Min(header.Parameter.Length, 4096)];
        if (!Convert.TryFromBase64String(header.Parameter, bytes, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        (name, password) = (text[..colon], text[(colon + 1)..]);
        return true;
    }
}
