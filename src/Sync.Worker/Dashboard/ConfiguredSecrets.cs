using Microsoft.Extensions.Options;
using Sync.Worker.Configuration;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The secret values of the configuration (tracker tokens, webhook secrets, dashboard password hashes). Text the dashboard
/// shows from the store passes through <see cref="Mask"/>: the audit log is written to hold no secret, and this makes sure a
/// configured one could never be read back through the dashboard or <c>/audit.json</c> even if a write slipped through.
/// </summary>
internal sealed class ConfiguredSecrets(IOptions<IssueSyncOptions> options)
{
    public const string Replacement = "[secret]";

    /// <summary>Shorter values are not masked: they would match ordinary text and none is a real secret.</summary>
    public const int MinLength = 8;

    private readonly Lazy<string[]> _secrets = new(() => Collect(options.Value));

    public string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets.Value)
        {
            text = text.Replace(secret, Replacement, StringComparison.Ordinal);
        }

        return text;
    }

    private static string[] Collect(IssueSyncOptions options) =>
        [.. options.Trackers.Values.Select(t => t.Token)
            .Concat(options.Dashboard.Users.Select(u => u.PasswordHash))
            .Append(options.Webhooks.GitLabSecret)
            .Append(options.Webhooks.GitHubSecret)
            .OfType<string>()
            .Where(s => s.Length >= MinLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)];
}
