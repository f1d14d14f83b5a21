namespace Sync.Core.Trackers;

/// <summary>
/// A write that must happen exactly once, even when its answer is lost. The tracker may have committed a create whose
/// answer never arrived (a 502 or a timeout after the commit, a connection dropped after sending), so before writing
/// again the writer looks the write up — by IssueSync's hidden marker on the target, by name, by reading the source
/// back — and adopts what it finds. The HTTP pipeline never retries such a write blindly.
/// </summary>
public static class WriteOnce
{
    /// <summary>Attempts at the write itself, each after a lookup that found nothing.</summary>
    public const int MaxAttempts = 3;

    /// <summary>
    /// Whether a failed write may nevertheless have been committed: the tracker was unavailable (5xx, timeout, connection
    /// lost) or answered something unreadable. A refusal (4xx, a limit, a bad token) means it was not.
    /// </summary>
    public static bool MaybeCommitted(Exception exception) =>
        exception is TrackerUnavailableException or TrackerProtocolException;

    /// <summary>
    /// Runs <paramref name="write"/>; after an outcome that leaves it unknown whether the write happened, runs
    /// <paramref name="lookup"/> and returns what it found, else writes again (at most <see cref="MaxAttempts"/> writes).
    /// </summary>
    /// <returns>The written or found item, and whether it was found rather than written by the last attempt.</returns>
    public static async Task<(T Result, bool Found)> RunAsync<T>(Func<Task<T>> write, Func<Task<T?>> lookup)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(lookup);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await write(), false);
            }
            catch (Exception ex) when (MaybeCommitted(ex))
            {
                if (await lookup() is { } found)
                {
                    return (found, true);
                }

                if (attempt >= MaxAttempts)
                {
                    throw;
                }
            }
        }
    }
}
