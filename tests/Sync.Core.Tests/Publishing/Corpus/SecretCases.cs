using static Sync.Core.Tests.Publishing.Corpus.TestSecrets;

namespace Sync.Core.Tests.Publishing.Corpus;

/// <summary>Secrets of many kinds, plain and glued to or hidden in encodings, wherever they stand (code included).</summary>
internal static class SecretCases
{
    private const string C = "secrets";
    private const string R = "[REDACTED]";

    public static IEnumerable<CorpusCase> All =>
    [
        new(C, "GitLab token", $"use {Glpat} now", $"use {R} now"),
        new(C, "GitLab token glued to an underscore", $"x_{Glpat}", $"x_{R}"),
        new(C, "GitLab token after %20", $"q=a%20{Glpat}", $"q=a%20{R}"),
        new(C, "GitLab token after =", $"PRIVATE_TOKEN={Glpat}", $"PRIVATE_TOKEN={R}"),
        new(C, "GitLab token after a zero-width space", $"token\u200B{Glpat}", $"token\u200B{R}"),
        new(C, "GitLab token split by a zero-width joiner", $"{Glpat[..10]}\u200D{Glpat[10..]}", R),
        new(C, "GitLab token entity-encoded", $"&#103;{Glpat[1..]}", R),
        new(C, "GitLab token percent-encoded", $"%67{Glpat[1..]}", R),
        new(C, "GitHub classic token", $"export GH_TOKEN={Ghp}", $"export GH_TOKEN={R}"),
        new(C, "GitHub fine-grained token in a code block", $"```\n{GithubPat}\n```", $"```\n{R}\n```"),
        new(C, "Slack bot token", $"slack {Slack}", $"slack {R}"),
        new(C, "Stripe live key", $"stripe key {Stripe};", $"stripe key {R};"),
        new(C, "Google API key", $"maps key={Google}", $"maps key={R}"),
        new(C, "JSON web token", $"Authorization: Bearer {Jwt}", $"Authorization: Bearer {R}"),
        new(C, "AWS access key id", $"id {AwsKeyId} here", $"id {R} here"),
        new(C, "AWS secret access key", $"aws_secret_access_key = {AwsSecret}", $"aws_secret_access_key = {R}"),
        new(C, "password in a connection string", $"Host=db;Username=app;Password={DbPassword};Database=x", $"Host=db;Username=app;Password={R};Database=x"),
        new(C, "password in URL user info", $"https://deploy:{UrlPassword}@example.com/repo.git", $"https://deploy:{R}`@example.com/repo.git`"),
        new(C, "PEM private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", R),
        new(C, "PGP private key block", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF0abcdefgh\n-----END PGP PRIVATE KEY BLOCK-----", R),
        new(C, "PuTTY private key", "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: key\nPublic-Lines: 1\nAAAAB3NzaC1yc2E\nPrivate-Lines: 1\nAAABAQCs0mE\nPrivate-MAC: 7a8b9c", R),
        new(C, "custom pattern", "customer ACME-123456", $"customer {R}"),
        new(C, "secret in a title", $"Login fails with {Glpat}", $"Login fails with {R}", Field: CorpusField.Title),
        new(C, "secret in a label description", $"rotate {Ghp}", $"rotate {R}", Field: CorpusField.LabelDescription),
        new(C, "secret in a milestone drops the milestone", $"release {Glpat}", null, Field: CorpusField.Milestone),
        new(C, "secret inside a link destination", $"[docs](https://example.com/x?token={Ghp})", $"[docs](https://example.com/x?token={R})"),
        new(C, "secret in a comment", $"try {Stripe} again", $"try {R} again", Field: CorpusField.Comment),
    ];
}
