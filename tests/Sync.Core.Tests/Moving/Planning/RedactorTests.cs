using Sync.Core.Moving;
using Sync.Core.Moving.Planning;

namespace Sync.Core.Tests.Moving.Planning;

public sealed class RedactorTests
{
    private static Redactor Create(bool linkToSource = false, bool defaults = true) => new(
        new RedactionRules(["ACME-\\d{6}"], ["intra.acme.net"], defaults),
        new SourceLinks(PlanningFixtures.SourceWebUrl),
        PlanningFixtures.SourcePath,
        linkToSource);

    [Theory]
    [InlineData("token glpat-abcdefghij0123456789XYZ here", "gitlab-token")]
    [InlineData("token glrt-t1_abcdefghij0123456789XYZ here", "gitlab-token")]
    [InlineData("ghp_0123456789abcdefghijABCDEFGHIJ012345 here", "github-token")]
    [InlineData("gho_0123456789abcdefghijABCDEFGHIJ012345 here", "github-token")]
    [InlineData("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "github-token")]
    [InlineData("key AKIAIOSFODNN7EXAMPLE done", "aws-access-key")]
    [InlineData("ticket ACME-123456 done", "custom-pattern")]
    public void Redact_Secret_IsReplacedAndRecordedByRule(string text, string rule)
    {
        var result = Create().Redact(text, "body");

        Assert.Contains(Redactor.Secret, result.Text, StringComparison.Ordinal);
        Assert.Equal([new Redaction("body", rule, 1)], result.Redactions);
    }

    [Fact]
    public void Redact_PemBlockOverManyLines_IsRemovedWhole()
    {
        var text = "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAKC\n-----END RSA PRIVATE KEY-----\nafter";

        var result = Create().Redact(text, "body");

        Assert.Equal($"before\n{Redactor.Secret}\nafter", result.Text);
    }

    [Fact]
    public void Redact_InternalHostUrlAndBareHost_AreReplacedSeparately()
    {
        var result = Create().Redact("see https://wiki.intra.acme.net/x?y=1 on intra.acme.net now", "comment 5");

        Assert.Equal($"see {Redactor.InternalLink} on {Redactor.InternalHost} now", result.Text);
        Assert.Equal([new Redaction("comment 5", "internal-host", 2)], result.Redactions);
    }

    [Fact]
    public void Redact_HostThatOnlyStartsLikeInternalHost_IsKept()
    {
        var result = Create().Redact("intra.acme.network and intra.acme.net.example.org", "body");

        Assert.Equal("intra.acme.network and intra.acme.net.example.org", result.Text);
    }

    [Fact]
    public void Redact_PrivateSourceUrl_IsRemovedButIssueAndUploadLinksPassThrough()
    {
        var text = $"mr {PlanningFixtures.SourceWebUrl}/-/merge_requests/3 issue {PlanningFixtures.SourceWebUrl}/-/issues/9 file {PlanningFixtures.SourceWebUrl}/uploads/0123456789abcdef0123456789abcdef/a.png";

        var result = Create().Redact(text, "body");

        Assert.StartsWith($"mr {Redactor.PrivateLink} issue {PlanningFixtures.SourceWebUrl}/-/issues/9 file ", result.Text, StringComparison.Ordinal);
        Assert.Equal([new Redaction("body", "private-url", 1)], result.Redactions);
    }

    [Fact]
    public void Redact_LinkToSource_KeepsSourceUrlsAndPath()
    {
        var text = $"{PlanningFixtures.SourceWebUrl}/-/merge_requests/3 in acme/widget-dev";

        Assert.Equal(text, Create(linkToSource: true).Redact(text, "body").Text);
    }

    [Fact]
    public void Redact_BareSourcePath_IsReplaced()
    {
        var result = Create().Redact("clone acme/widget-dev first; see acme/widget-dev#3", "body");

        Assert.Equal($"clone {Redactor.PrivateProject} first; see acme/widget-dev#3", result.Text);
    }

    [Fact]
    public void Redact_WithoutDefaults_KeepsTokensButAppliesConfiguredPatterns()
    {
        var result = Create(defaults: false).Redact("glpat-abcdefghij0123456789XYZ ACME-000001", "title");

        Assert.Equal($"glpat-abcdefghij0123456789XYZ {Redactor.Secret}", result.Text);
    }

    [Fact]
    public void Redact_NeverRecordsTheSecretItself()
    {
        var result = Create().Redact("glpat-abcdefghij0123456789XYZ", "title");

        Assert.DoesNotContain(result.Redactions, r => r.ToString().Contains("glpat", StringComparison.Ordinal));
    }

    [Fact]
    public void Redact_OrdinaryProse_IsUnchanged()
    {
        var text = "Ghost ghp_short AKIA123 and -----BEGIN PUBLIC KEY-----";

        var result = Create().Redact(text, "body");

        Assert.Equal(text, result.Text);
        Assert.Empty(result.Redactions);
    }
}
