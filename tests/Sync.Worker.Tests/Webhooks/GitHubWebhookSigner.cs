using System.Security.Cryptography;
using System.Text;
using Sync.Worker.Webhooks;

namespace Sync.Worker.Tests.Webhooks;

/// <summary>Signs a delivery the way GitHub does (moved here from <see cref="WebhookSignatures"/>: only tests sign).</summary>
internal static class GitHubWebhookSigner
{
    /// <summary>The <c>X-Hub-Signature-256</c> header value GitHub would send for <paramref name="body"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        WebhookSignatures.GitHubPrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
