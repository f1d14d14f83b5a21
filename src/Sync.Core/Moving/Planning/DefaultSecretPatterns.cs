using System.Text.RegularExpressions;

namespace Sync.Core.Moving.Planning;

/// <summary>Built-in secret shapes (RedactionRules.UseDefaults). Prefix-anchored so ordinary prose never matches.</summary>
public static partial class DefaultSecretPatterns
{
    /// <summary>(rule name, pattern) in the order they are applied; the PEM block goes first so its body is removed whole.</summary>
    public static IReadOnlyList<(string Rule, Regex Pattern)> All { get; } =
    [
        ("private-key", PrivateKey()),
        ("gitlab-token", GitLabToken()),
        ("github-token", GitHubToken()),
        ("aws-access-key", AwsAccessKey()),
    ];

    // An unterminated block is removed to the end: a truncated key is still a key.
    [GeneratedRegex(@"-----BEGIN[A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END[A-Z0-9 ]*PRIVATE KEY-----|\z)", RegexOptions.Singleline | RegexOptions.CultureInvariant, 2000)]
    private static partial Regex PrivateKey();

    // Personal, deploy, runner, pipeline-trigger, CI-job, feed, OAuth and agent tokens share the gl*- prefix form;
    // newer routable tokens add dot-separated parts.
    [GeneratedRegex(@"\b(?:glpat|gldt|glrt|glptt|glcbt|glft|glimt|gloas|glsoat|glffct|glagent)-[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]+)*", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex AwsAccessKey();
}
