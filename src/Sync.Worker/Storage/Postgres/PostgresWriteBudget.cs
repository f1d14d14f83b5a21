using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sync.Worker.Trackers;
using TrackerLog = Sync.Worker.Trackers.Log;

namespace Sync.Worker.Storage.Postgres;

/// <summary>
/// The write budget of one tracker token, shared by every replica on the database, so that replicas stay inside
/// the tracker's per-token ceilings together. Same rules as <see cref="InMemoryWriteBudget"/>, kept in two tables:
/// <list type="bullet">
/// <item><c>write_stamps</c>: one row per write and window, read and written under
/// <c>pg_advisory_xact_lock</c> of the token, so two replicas can never both take a window's last slot.</item>
/// <item><c>write_turns</c>: the serial turn as a lease (holder, expiry) plus the end of the last serial write. Its
/// holder renews it while the write runs and clears it on the response; a holder that dies stops renewing, and
/// after <see cref="LeaseLength"/> another replica takes the turn. A lease rather than a session advisory lock: no
/// connection is held across the HTTP call, it works behind a transaction-pooling proxy, and its expiry runs on the
/// injected clock. A replica waiting for another's turn asks again every <see cref="PollInterval"/>; within a
/// process writes queue on the pacer, so each replica has at most one such waiter per tracker.</item>
/// </list>
/// Stamps are each replica's <see cref="TimeProvider"/> time: replica clocks must agree to well within a second.
/// </summary>
internal sealed class PostgresWriteBudget(
    NpgsqlDataSource dataSource,
    string trackerName,
    TokenKey token,
    TimeProvider time,
    ILogger logger,
    TimeSpan? leaseLength = null,
    TimeSpan? pollInterval = null) : IWriteBudget
{
    // Two-key advisory lock space; vote history uses 0x4953_5648 and the migrator a single bigint key.
    private const int LockSpace = 0x4953_5750;

    private const string LockToken = "SELECT 1 FROM pg_advisory_xact_lock(@Space, @Lock);";

    private const string ReadState =
        LockToken + """
        DELETE FROM issuesync.write_stamps s USING unnest(@Names, @Expired) AS w(name, expired)
            WHERE s.token_key = @Key AND s.window_name = w.name AND s.at <= w.expired;
        SELECT w.name AS Name,
               (SELECT s.at FROM issuesync.write_stamps s WHERE s.token_key = @Key AND s.window_name = w.name
                ORDER BY s.at DESC OFFSET w.lim - 1 LIMIT 1) AS Blocking
            FROM unnest(@Names, @Limits) AS w(name, lim);
        SELECT holder AS Holder, expires_at AS ExpiresAt, last_write_ended AS LastWriteEnded
            FROM issuesync.write_turns WHERE token_key = @Key;
        """;

    private const string InsertStamps =
        """
        INSERT INTO issuesync.write_stamps (token_key, slot_id, window_name, at)
            SELECT @Key, @Slot, name, @Now FROM unnest(@Names) AS name;
        """;

    private const string TakeTurn =
        """
        INSERT INTO issuesync.write_turns (token_key, holder, expires_at) VALUES (@Key, @Slot, @Expires)
            ON CONFLICT (token_key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at;
        """;

    private const string RenewTurn =
        "UPDATE issuesync.write_turns SET expires_at = @Expires WHERE token_key = @Key AND holder = @Slot";

    private const string Restamp =
        LockToken + "UPDATE issuesync.write_stamps SET at = @Now WHERE token_key = @Key AND slot_id = @Slot;";

    // The gap counts from the latest response even when this turn had expired and another replica holds it now.
    private const string EndTurn =
        """
        UPDATE issuesync.write_turns
            SET last_write_ended = GREATEST(last_write_ended, @Now),
                holder = CASE WHEN holder = @Slot THEN NULL ELSE holder END
            WHERE token_key = @Key;
        """;

    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <summary>How long a serial turn stays taken without its holder renewing it (renewed every third of it).</summary>
    public TimeSpan LeaseLength { get; } = leaseLength ?? TimeSpan.FromSeconds(30);

    /// <summary>How often a replica asks again while another replica holds the serial turn.</summary>
    public TimeSpan PollInterval { get; } = pollInterval ?? TimeSpan.FromMilliseconds(200);

    public async ValueTask<WriteTake> TryTakeAsync(IReadOnlyList<WriteWindow> windows, TimeSpan? serialGap, CancellationToken cancellationToken)
    {
        var counted = windows.Where(w => w.Limit > 0).ToArray();
        if (counted.Length == 0 && serialGap is null)
        {
            return new WriteTake(Unpaced.Slot, TimeSpan.Zero); // every ceiling of this write is switched off
        }

        var names = counted.Select(w => w.Name).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Read before the lock is granted: waiting for it can only make waits longer and this write's stamp a little
        // earlier than its send, and the stamp is moved to the response anyway.
        var now = time.GetUtcNow();
        var read = new
        {
            Space = LockSpace,
            Lock = token.LockKey,
            Key = token.Hex,
            Names = names,
            Limits = counted.Select(w => w.Limit).ToArray(),
            Expired = counted.Select(w => (now - w.Length).UtcDateTime).ToArray(),
        };
        TurnRow? turn;
        Dictionary<string, DateTime?> blocking;
        await using (var grid = await connection.QueryMultipleAsync(new CommandDefinition(ReadState, read, transaction, cancellationToken: cancellationToken)))
        {
            await grid.ReadAsync<int>();
            blocking = (await grid.ReadAsync<BlockingRow>()).ToDictionary(b => b.Name, b => b.Blocking);
            turn = await grid.ReadSingleOrDefaultAsync<TurnRow>();
        }

        var wait = TimeSpan.Zero;
        foreach (var window in counted)
        {
            if (blocking.GetValueOrDefault(window.Name) is { } at)
            {
                wait = Max(wait, Utc(at) + window.Length - now);
            }
        }

        TimeSpan? expiredFor = null;
        if (serialGap is { } gap && turn is not null)
        {
            if (turn is { Holder: not null, ExpiresAt: { } expires })
            {
                if (Utc(expires) > now)
                {
                    wait = Max(wait, Min(Utc(expires) - now, PollInterval));
                }
                else
                {
                    expiredFor = now - Utc(expires);
                }
            }

            if (turn.LastWriteEnded is { } ended)
            {
                wait = Max(wait, Utc(ended) + gap - now);
            }
        }

        if (wait > TimeSpan.Zero)
        {
            await transaction.CommitAsync(cancellationToken); // keeps the prune
            return new WriteTake(null, wait);
        }

        var slot = Guid.NewGuid();
        var take = new { Key = token.Hex, Slot = slot, Names = names, Now = now.UtcDateTime, Expires = (now + LeaseLength).UtcDateTime };
        await connection.ExecuteAsync(new CommandDefinition(serialGap is null ? InsertStamps : InsertStamps + TakeTurn, take, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        if (expiredFor is { } stale)
        {
            TrackerLog.StaleSerialTurnTaken(logger, trackerName, (long)stale.TotalSeconds);
        }

        return new WriteTake(new SharedSlot(this, slot, serialGap is not null), TimeSpan.Zero);
    }

    /// <summary>Stops renewing turns still held, as a dead process would; their leases then expire.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private async Task RenewTurnAsync(Guid slot, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(LeaseLength / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                    var renew = new { Key = token.Hex, Slot = slot, Expires = (time.GetUtcNow() + LeaseLength).UtcDateTime };
                    if (await connection.ExecuteAsync(new CommandDefinition(RenewTurn, renew, cancellationToken: cancellationToken)) == 0)
                    {
                        TrackerLog.SerialTurnLost(logger, trackerName);
                        return;
                    }
                }
                catch (DbException exception)
                {
                    // Keep trying: the lease only lapses if renewals fail for a whole lease length.
                    TrackerLog.SerialTurnRenewalFailed(logger, trackerName, exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask ReleaseAsync(Guid slot, bool serial)
    {
        try
        {
            // Not the request's token: a write whose response arrived gives its slot back even when its caller was
            // cancelled meanwhile; Npgsql's command timeout bounds the wait.
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var release = new { Space = LockSpace, Lock = token.LockKey, Key = token.Hex, Slot = slot, Now = time.GetUtcNow().UtcDateTime };
            await connection.ExecuteAsync(new CommandDefinition(serial ? Restamp + EndTurn : Restamp, release, transaction));
            await transaction.CommitAsync();
        }
        catch (DbException exception)
        {
            // The send stamp stays (the window still counts the write) and an unreleased turn expires.
            TrackerLog.SharedSlotReleaseFailed(logger, trackerName, (long)LeaseLength.TotalSeconds, exception);
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed class SharedSlot : IWriteSlot
    {
        private readonly PostgresWriteBudget _budget;
        private readonly Guid _id;
        private readonly CancellationTokenSource? _renewal;
        private readonly Task _renewing = Task.CompletedTask;

        public SharedSlot(PostgresWriteBudget budget, Guid id, bool serial)
        {
            _budget = budget;
            _id = id;
            if (serial)
            {
                _renewal = CancellationTokenSource.CreateLinkedTokenSource(budget._stopping.Token);
                _renewing = budget.RenewTurnAsync(id, _renewal.Token);
            }
        }

        public async ValueTask ReleaseAsync()
        {
            if (_renewal is not null)
            {
                // Stop renewing first, so that no renewal runs after the turn is given back.
                await _renewal.CancelAsync();
                await _renewing;
                _renewal.Dispose();
            }

            await _budget.ReleaseAsync(_id, _renewal is not null);
        }
    }

    private sealed class Unpaced : IWriteSlot
    {
        public static readonly Unpaced Slot = new();

        public ValueTask ReleaseAsync() => ValueTask.CompletedTask;
    }

#pragma warning disable CA1812 // Instantiated by Dapper through reflection.
    private sealed class BlockingRow
    {
        public string Name { get; set; } = "";

        public DateTime? Blocking { get; set; }
    }

    private sealed class TurnRow
    {
        public Guid? Holder { get; set; }

        public DateTime? ExpiresAt { get; set; }

        public DateTime? LastWriteEnded { get; set; }
    }
#pragma warning restore CA1812
}
