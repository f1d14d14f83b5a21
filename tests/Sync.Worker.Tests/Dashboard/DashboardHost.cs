using System.Net;
using System.Net.Http.Headers;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Sync.Worker.Dashboard;
using Sync.Worker.Tests.Hosting;

namespace Sync.Worker.Tests.Dashboard;

/// <summary>The real worker against the sandbox with extra configuration; started once for the tests of a class.</summary>
public abstract class DashboardHost(params string[] configuration) : IAsyncLifetime
{
    private readonly CancellationTokenSource stop = new();
    private readonly InProcessApp app = new();
    private Task<int>? run;

    public Uri BaseAddress { get; private set; } = null!;

    public WebApplication Host { get; private set; } = null!;

    public IMonitoringApi Monitoring => Host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();

    public async ValueTask InitializeAsync()
    {
        var started = new TaskCompletionSource<WebApplication>(TaskCreationOptions.RunContinuationsAsynchronously);
        run = app.RunAsync(
            [
                "--sandbox", "--sandbox-port", "0", "--urls", "http://127.0.0.1:0",
                $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("dashboard.db")}",
                .. configuration,
            ],
            started.SetResult,
            stop.Token);
        var finished = await Task.WhenAny(started.Task, run).WaitAsync(TimeSpan.FromSeconds(60));
        if (finished == run)
        {
            throw new InvalidOperationException($"the worker stopped with {await run}: {app.Error}");
        }

        Host = await started.Task;
        Addresses = [.. app.Output.ToString().Split('\n')
            .Where(l => l.StartsWith("IssueSync dashboard:", StringComparison.Ordinal))
            .Select(l => new Uri(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].Replace("/hangfire", string.Empty, StringComparison.Ordinal)))];
        BaseAddress = Addresses.First(a => a.Host == "127.0.0.1");
    }

    /// <summary>Every address the worker listens on; <see cref="BaseAddress"/> is the loopback one.</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    /// <summary>Every job the storage knows, whatever its state (a job is counted in one state at a time).</summary>
    public long TotalJobs()
    {
        var s = Monitoring.GetStatistics();
        return s.Enqueued + s.Scheduled + s.Processing + s.Succeeded + s.Failed + s.Deleted;
    }

    /// <summary>A client that does not follow redirects, with Basic credentials when given.</summary>
    public HttpClient Client(string? user = null, string? password = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }

    /// <summary>Waits until the job has reached <paramref name="state"/> (or any final state) and returns its details.</summary>
    public async Task<JobDetailsDto> WaitForStateAsync(string jobId, string state, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var details = Monitoring.JobDetails(jobId);
            if (details.History.Any(h => h.StateName is "Succeeded" || h.StateName == state) || waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                return details;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (run is not null)
        {
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        stop.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// Two users and AllowLoopback left unset: users exist, so loopback gets no free pass (the test client connects over
/// loopback and is treated like any other address).
/// </summary>
public sealed class ProtectedDashboardHost() : DashboardHost(
    [.. YearlySchedules,
    "--IssueSync:Dashboard:Users:0:Name=alice",
    $"--IssueSync:Dashboard:Users:0:PasswordHash={AliceHash}",
    "--IssueSync:Dashboard:Users:1:Name=bob",
    $"--IssueSync:Dashboard:Users:1:PasswordHash={PasswordHash.Create("bobs-password", PasswordHash.MinIterations)}"])
{
    public const string User = "alice";
    public const string Password = "correct-horse";

    /// <summary>No recurring run starts mid-test and changes the job counts.</summary>
    public static readonly string[] YearlySchedules =
    [
        "--IssueSync:Products:widget:Schedule:Move=0 0 1 1 *", "--IssueSync:Products:widget:Schedule:Votes=0 0 1 1 *",
        "--IssueSync:Products:widget:Schedule:Rice=0 0 1 1 *", "--IssueSync:Products:widget:Schedule:Roadmap=0 0 1 1 *",
        "--IssueSync:Products:gadget:Schedule:Move=0 0 1 1 *", "--IssueSync:Products:gadget:Schedule:Votes=0 0 1 1 *",
        "--IssueSync:Products:gadget:Schedule:Rice=0 0 1 1 *", "--IssueSync:Products:gadget:Schedule:Roadmap=0 0 1 1 *",
    ];

    public static readonly string AliceHash = PasswordHash.Create(Password, PasswordHash.MinIterations);
}

/// <summary>
/// Users with AllowLoopback=true set explicitly, the forwarded-headers middleware on as with
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> (every <c>X-Forwarded-For</c> trusted, so tests pick their client
/// address with it), a Hosts list, and a second listener on a non-loopback address when the machine has one.
/// </summary>
public sealed class ProxiedDashboardHost() : DashboardHost(
    [.. ProtectedDashboardHost.YearlySchedules,
    $"--urls=http://127.0.0.1:0{(OutsideAddress is { } outside ? $";http://{outside}:0" : string.Empty)}",
    "--ForwardedHeaders_Enabled=true",
    "--IssueSync:Dashboard:AllowLoopback=true",
    "--IssueSync:Dashboard:Hosts:0=localhost", "--IssueSync:Dashboard:Hosts:1=127.0.0.1", $"--IssueSync:Dashboard:Hosts:2={ListedHost}",
    $"--IssueSync:Dashboard:Users:0:Name={ProtectedDashboardHost.User}",
    $"--IssueSync:Dashboard:Users:0:PasswordHash={ProtectedDashboardHost.AliceHash}",
    $"--IssueSync:Dashboard:Users:1:Name={CacheUser}",
    $"--IssueSync:Dashboard:Users:1:PasswordHash={PasswordHash.Create(CachePassword, PasswordHash.MinIterations)}"])
{
    public const string ListedHost = "dashboard.example";

    /// <summary>A user only the cache test signs in with, so its first check is certainly not cached.</summary>
    public const string CacheUser = "carol";
    public const string CachePassword = "carols-password";

    /// <summary>An IPv4 address of this machine other than loopback, or null.</summary>
    public static IPAddress? OutsideAddress { get; } = NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    internal DashboardCredentials Credentials => Host.Services.GetRequiredService<DashboardCredentials>();
}

/// <summary>No users (loopback only, the default), and a wrong token for the tracker of gadget's public project.</summary>
public sealed class OpenDashboardHost() : DashboardHost($"--IssueSync:Trackers:gitlab:Token={WrongToken}")
{
    public const string WrongToken = "glpat-wrong-token-0123456789";
}

/// <summary>Reads an action's redirect.</summary>
/// <remarks>
/// An action used to enqueue a job of its own; it now joins the product's pending trigger, so its job is the pending
/// run's, which an earlier request may have enqueued (outcome "merged" or "waiting" rather than "queued").
/// </remarks>
internal static class ActionRedirect
{
    /// <summary>The id of the job that runs the request.</summary>
    public static string JobId(HttpResponseMessage response) => Field(response, MaintainerPage.JobField);

    public static string Outcome(HttpResponseMessage response) => Field(response, MaintainerPage.OutcomeField);

    public static string Field(HttpResponseMessage response, string name)
    {
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, response.StatusCode);
        var query = response.Headers.Location!.ToString().Split('?', 2)[1];
        var value = query.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == name)?[1];
        Assert.NotNull(value);
        return Uri.UnescapeDataString(value);
    }
}
