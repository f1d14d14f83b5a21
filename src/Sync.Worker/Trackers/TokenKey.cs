using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sync.Worker.Trackers;

/// <summary>
/// A tracker token as shared state names it: the SHA-256 of the token, in hex. Trackers configured with one token
/// get one key and so one write budget, as the tracker counts them; the token itself is never stored or logged.
/// </summary>
internal sealed class TokenKey
{
    private TokenKey(string hex, int lockKey)
    {
        Hex = hex;
        LockKey = lockKey;
    }

    public string Hex { get; }

    /// <summary>The hash's first 32 bits, for a two-key advisory lock (a collision only makes two tokens queue briefly).</summary>
    public int LockKey { get; }

    public static TokenKey Of(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return new TokenKey(Convert.ToHexStringLower(hash), BinaryPrimitives.ReadInt32BigEndian(hash));
    }

    public override string ToString() => Hex;
}
