using System.ComponentModel.DataAnnotations;

namespace Sync.Worker.Configuration;

/// <summary>
/// The webhook receivers. Each endpoint answers 404 until its secret is set, so an instance that does not use
/// webhooks does not advertise them. Secrets are never logged or echoed in validation errors.
/// </summary>
internal sealed class WebhookOptions
{
    public const int DefaultMaxBodyBytes = 1024 * 1024;
    public const int MinMaxBodyBytes = 1024;

    /// <summary>GitHub caps webhook payloads at 25 MB; nothing larger can be a genuine delivery.</summary>
    public const int MaxMaxBodyBytes = 25 * 1024 * 1024;

    public const int MinSecretLength = 16;

    /// <summary>The "Secret token" of the GitLab webhook, sent back as <c>X-Gitlab-Token</c>.</summary>
    public string? GitLabSecret { get; set; }

    /// <summary>The "Secret" of the GitHub webhook, the HMAC key of <c>X-Hub-Signature-256</c>.</summary>
    public string? GitHubSecret { get; set; }

    /// <summary>Largest request body read; larger deliveries get 413 before they are read. Issue events are a few KiB.</summary>
    [Range(MinMaxBodyBytes, MaxMaxBodyBytes, ErrorMessage = "{{value}} is outside {1} to {2}")]
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;
}
