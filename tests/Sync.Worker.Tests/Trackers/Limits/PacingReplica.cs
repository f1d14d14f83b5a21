using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Storage.Postgres;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers.Limits;

/// <summary>
/// One worker replica as the tracker limits see it: its own container, connection pool and
/// <see cref="TrackerLimiter"/>, wired as production wires a worker on PostgreSQL (<c>AddPostgresStorage</c>, then
/// <c>AddTrackerClient</c>), against a database that other replicas share.
/// </summary>
internal sealed class PacingReplica : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _name;
    private readonly CancellationTokenSource _stopping = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly ConcurrentQueue<Task> _requests = new();

    private PacingReplica(ServiceProvider services, string name, CapturingLoggerProvider logs)
    {
        _services = services;
        _name = name;
        Logs = logs;
    }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>Cancelled when the replica ends.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public WritePacer Pacer => _services.GetRequiredKeyedService<TrackerLimiter>(_name).Pacer;

    /// <summary>A write through the replica's tracker client, cancelled by <paramref name="cancellationToken"/> or when the replica ends.</summary>
    public Task<HttpResponseMessage> PostAsync(Uri uri, CancellationToken? cancellationToken = null)
    {
        var http = _services.GetRequiredService<IHttpClientFactory>().CreateClient(_name);
        var request = http.PostAsync(uri, new StringContent("{}"), cancellationToken ?? Stopping);
        _requests.Enqueue(request);
        return request;
    }

    public static async Task<PacingReplica> StartAsync(
        string connectionString,
        string name,
        TrackerKind kind,
        Uri apiUrl,
        string token,
        TimeProvider time,
        Func<TrackerLimitsOptions, TrackerLimitsOptions>? limits = null)
    {
        var services = new ServiceCollection();
        var logs = new CapturingLoggerProvider();
        var options = TrackerLimitsOptions.ForKind(kind);
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(time);
        services.AddPostgresStorage(connectionString);
        services.AddTrackerClient(name, kind, apiUrl, token, LimitsFixture.NoTransientRetries, limits?.Invoke(options) ?? options);
        var provider = services.BuildServiceProvider();
        var replica = new PacingReplica(provider, name, logs);
        await provider.GetRequiredService<IStateStore>().MigrateAsync(TestContext.Current.CancellationToken);
        return replica;
    }

    /// <summary>The serial turn of <paramref name="token"/> as stored: its expiry, or null when nobody holds it.</summary>
    public static async Task<DateTimeOffset?> TurnExpiryAsync(string connectionString, string token)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT expires_at FROM issuesync.write_turns WHERE token_key = @key AND holder IS NOT NULL", connection);
        command.Parameters.AddWithValue("key", TokenKey.Of(token).Hex);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) is DateTime expires
            ? new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc))
            : null;
    }

    /// <summary>Every row of the pacing tables as text, to check that no token is stored.</summary>
    public static async Task<List<string>> StoredTextAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT s::text FROM issuesync.write_stamps s UNION ALL SELECT t::text FROM issuesync.write_turns t", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>
    /// Ends the replica without giving back a turn it holds, as a process that died would. Its requests still in
    /// flight are cancelled and awaited first: Polly waits for executions in flight on the (fake, stopped) clock before
    /// it disposes, so a test that fails with a write held back would otherwise hang instead of failing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_requests.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(TimeSpan.FromSeconds(15));
        await _services.DisposeAsync();
        _stopping.Dispose();
    }
}
