using Sync.Core.Publishing;
using Sync.Core.Tests.Moving.Planning;

namespace Sync.Core.Tests.Publishing;

public sealed class TextRedactorTests
{
    private static string Redact(string text, out Findings findings, TextRedactor? redactor = null)
    {
        findings = new Findings();
        return (redactor ?? PublicTextFixture.Redactor()).Redact(text, findings);
    }

    [Theory]
    [InlineData("token glpat-abcdefghij0123456789XYZ here", "issuesync-gitlab-token")]
    [InlineData("ghp_0123456789abcdefghijABCDEFGHIJ012345 here", "github-pat")]
    [InlineData("ticket ACME-123456 done", "custom-pattern")]
    public void Redact_Secret_IsReplacedAndRecordedByRule(string text, string rule)
    {
        var result = Redact(text, out var findings);

        Assert.Contains(TextRedactor.Secret, result, StringComparison.Ordinal);
        Assert.Equal([(rule, 1)], findings.Counts);
    }

    [Fact]
    public void Redact_PemBlockOverManyLines_IsRemovedWhole()
    {
        var text = "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAKC\n-----END RSA PRIVATE KEY-----\nafter";

        Assert.Equal($"before\n{TextRedactor.Secret}\nafter", Redact(text, out _));
    }

    [Fact]
    public void Redact_InternalHostUrlAndBareHost_AreReplacedSeparately()
    {
        var result = Redact("see https://wiki.intra.acme.net/x?y=1 on intra.acme.net now", out var findings);

        Assert.Equal($"see {TextRedactor.InternalLink} on {TextRedactor.InternalHost} now", result);
        Assert.Equal([("internal-host", 2)], findings.Counts);
    }

    [Fact]
    public void Redact_HostThatOnlyStartsLikeInternalHost_IsKept()
    {
        Assert.Equal("intra.acme.network and intra.acme.net.example.org", Redact("intra.acme.network and intra.acme.net.example.org", out _));
    }

    [Fact]
    public void Redact_SourceProjectUrlsInAnyForm_AreRemoved()
    {
        var text = "mr http://dev.example/acme/widget-dev/-/merge_requests/3, clone git@dev.example:acme/widget-dev.git or ssh://git@dev.example:2222/acme/widget-dev.git";

        var result = Redact(text, out var findings);

        Assert.Equal($"mr {TextRedactor.PrivateLink}, clone {TextRedactor.PrivateLink} or {TextRedactor.PrivateLink}", result);
        Assert.Equal([("private-url", 3)], findings.Counts);
    }

    [Fact]
    public void Redact_OtherProjectsOfAnInternalInstance_AreRemovedByHost()
    {
        var result = Redact("wiki http://dev.example/acme/secret-service/-/wikis/home and git@dev.example:ops/infra.git", out _);

        Assert.Equal($"wiki {TextRedactor.InternalLink} and git@{TextRedactor.InternalHost}:ops/infra.git", result);
    }

    [Fact]
    public void Redact_SharedHostSource_RemovesItsNamespaceButKeepsPublicProjects()
    {
        var scope = PublicTextFixture.Scope(Sync.Core.Trackers.TrackerKind.GitHub, sourceRoot: "https://github.com/", publicPaths: ["acme/sdk"]);
        var text = "see https://github.com/acme/secret-infra/blob/main/x.tf, github.com/acme/sdk, https://github.com/acme/widget/issues/1 and https://github.com/dotnet/runtime";

        var result = Redact(text, out _, PublicTextFixture.Redactor(scope));

        Assert.Equal($"see {TextRedactor.PrivateLink}, github.com/acme/sdk, https://github.com/acme/widget/issues/1 and https://github.com/dotnet/runtime", result);
    }

    [Fact]
    public void Redact_LinkToSource_KeepsSourceUrlsAndPath()
    {
        var scope = PublicTextFixture.Scope(linkToSource: true, instanceInternal: false);
        var text = $"{PlanningFixtures.SourceWebUrl}/-/merge_requests/3 in acme/widget-dev";

        Assert.Equal(text, Redact(text, out _, PublicTextFixture.Redactor(scope)));
    }

    [Fact]
    public void Redact_BareSourcePath_IsReplaced()
    {
        Assert.Equal($"clone {TextRedactor.PrivateProject} first", Redact("clone acme/widget-dev first", out _));
    }

    [Fact]
    public void Redact_BareSourceUploadPath_IsReplacedWithItsGluedText()
    {
        var result = Redact($"log at /uploads/{PublicTextFixture.UploadSecret}/a.txt?t=glpat-abcdefghij0123456789XYZ.", out _);

        Assert.Equal($"log at {TextRedactor.Attachment}", result.TrimEnd('.'));
    }

    [Fact]
    public void Redact_WithoutDefaults_KeepsTokensButAppliesConfiguredPatterns()
    {
        var result = Redact("glpat-abcdefghij0123456789XYZ ACME-000001", out _, PublicTextFixture.Redactor(defaults: false));

        Assert.Equal($"glpat-abcdefghij0123456789XYZ {TextRedactor.Secret}", result);
    }

    [Fact]
    public void Find_ReportsRulesWithoutChangingTheText()
    {
        Assert.Equal(["issuesync-gitlab-token", "internal-host"], PublicTextFixture.Redactor().Find("glpat-abcdefghij0123456789XYZ on build.intra.acme.net"));
        Assert.Empty(PublicTextFixture.Redactor().Find("nothing to see at https://gitlab.com/acme/widget/-/issues/3"));
    }

    [Fact]
    public void Redact_OrdinaryProse_IsUnchanged()
    {
        var text = "Ghost ghp_short AKIA123 and -----BEGIN PUBLIC KEY-----";

        Assert.Equal(text, Redact(text, out var findings));
        Assert.Empty(findings.Counts);
    }
}
