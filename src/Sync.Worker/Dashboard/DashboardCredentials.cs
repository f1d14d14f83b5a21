using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Sync.Worker.Configuration;

namespace Sync.Worker.Dashboard;

/// <summary>
/// Checks dashboard users' Basic credentials. PBKDF2 costs tens of milliseconds of CPU by design and a browser sends
/// the credentials with every request (each page loads several), so a successful check is remembered for a few
/// minutes under a keyed hash of name and password: the password itself is never kept.
/// </summary>
internal sealed class DashboardCredentials(IOptions<IssueSyncOptions> options, TimeProvider time)
{
    /// <summary>How long a successful check is reused before PBKDF2 runs again.</summary>
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    // Only right passwords are cached, so the cache holds about one entry per user; the bound is a safety net.
    internal const int MaxCached = 256;

    // Validated at start-up: names are unique and every hash parses.
    private readonly FrozenDictionary<string, PasswordHash> users = options.Value.Dashboard.Users
        .ToFrozenDictionary(user => user.Name!, user => PasswordHash.Parse(user.PasswordHash), StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, Success> cache = new(StringComparer.Ordinal);

    // Per process: a cache key is worthless outside it, and a restart forgets every entry.
    private readonly byte[] cacheKey = RandomNumberGenerator.GetBytes(32);

    // Unknown names are checked against this, so a wrong name costs as much as a wrong password.
    private readonly PasswordHash dummy = PasswordHash.Parse(PasswordHash.Create(Guid.NewGuid().ToString("N")));

    private long verifications;

    public bool HasUsers => users.Count > 0;

    /// <summary>How many PBKDF2 verifications ran (the test seam for the cache and the failure limit).</summary>
    internal long Verifications => Interlocked.Read(ref verifications);

    /// <summary>The user these credentials belong to, or null.</summary>
    public string? Check(string name, string password)
    {
        var key = CacheKey(name, password);
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out var known) && known.Until > now)
        {
            return known.User;
        }

        var hash = users.GetValueOrDefault(name) ?? dummy;
        Interlocked.Increment(ref verifications);
        if (!hash.Verify(password) || ReferenceEquals(hash, dummy))
        {
            return null;
        }

        Remember(key, name, now);
        return name;
    }

    private void Remember(string key, string user, DateTimeOffset now)
    {
        if (cache.Count >= MaxCached)
        {
            foreach (var (old, success) in cache)
            {
                if (success.Until <= now)
                {
                    cache.TryRemove(old, out _);
                }
            }

            if (cache.Count >= MaxCached)
            {
                cache.Clear();
            }
        }

        cache[key] = new Success(user, now + CacheLifetime);
    }

    private string CacheKey(string name, string password) =>
        Convert.ToBase64String(HMACSHA256.HashData(cacheKey, Encoding.UTF8.GetBytes($"{name}\0{password}")));

    private sealed record Success(string User, DateTimeOffset Until);
}
