using System.Security.Cryptography;
using System.Text;

namespace Sync.Worker.Webhooks;

/// <summary>The two ways a tracker proves a delivery is genuine, both compared in constant time.</summary>
internal static class WebhookSignatures
{
    public const string GitHubPrefix = "sha256=";

    /// <summary>
    /// GitLab sends the configured secret token as-is in <c>X-Gitlab-Token</c>. Both sides are hashed first so the
    /// comparison takes the same time whatever the lengths (FixedTimeEquals returns early on a length mismatch).
    /// </summary>
    public static bool GitLabTokenMatches(string? token, string secret)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(token)),
            SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>
    /// GitHub sends <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>. The prefix must be
    /// exactly <c>sha256=</c>; the hex digits are decoded, so upper-case hex is accepted (GitHub sends lower case, and
    /// the bytes compared are the same either way).
    /// </summary>
    public static bool GitHubSignatureMatches(string? header, ReadOnlySpan<byte> body, string secret)
    {
        if (header is null || !header.StartsWith(GitHubPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = header.AsSpan(GitHubPrefix.Length);
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (hex.Length != HMACSHA256.HashSizeInBytes * 2
            || Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != given.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
