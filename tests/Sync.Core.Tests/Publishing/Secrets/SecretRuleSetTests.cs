using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Sync.Core.Publishing.Secrets;

namespace Sync.Core.Tests.Publishing.Secrets;

public sealed partial class SecretRuleSetTests
{
    /// <summary>SHA-256 of gitleaks' config/gitleaks.toml at commit 009e025ad4106ab333aa0b9dc4f2a884390d134c (see the README beside it).</summary>
    private const string VendoredSha256 = "18c1cb4ec5ac24e4205768d826263a6677810136181e3a7f119716b1ac4ac83c";

    [Fact]
    public void VendoredGitleaksFile_IsByteForByteTheUpstreamCopy()
    {
        var text = SecretRuleSet.ReadEmbedded(SecretRuleSet.GitleaksFile);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(VendoredSha256, hash);
        Assert.Equal(96_247, text.Length);
    }

    [Theory]
    [InlineData(SecretRuleSet.GitleaksFile, 218, 1)]
    [InlineData(SecretRuleSet.IssueSyncFile, 8, 0)]
    public void Default_CompilesEveryRulesTable_AndSkipsOnlyPathRules(string file, int tables, int pathOnly)
    {
        var text = SecretRuleSet.ReadEmbedded(file);
        var rules = SecretRuleSet.Default.Rules.Where(r => r.Source == file).ToList();
        var skipped = SecretRuleSet.Default.SkippedRuleIds.Where(id => RuleIdIn(text, id)).ToList();

        Assert.Equal(tables, RulesTable().Count(text));
        Assert.Equal(tables, rules.Count + skipped.Count);
        Assert.Equal(pathOnly, skipped.Count);
        Assert.All(rules, r => Assert.Matches(@"^[a-z0-9-]+$", r.Id));
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Description), r.Id));
    }

    [Fact]
    public void Default_OnlyThePkcs12FileRuleIsSkipped()
    {
        Assert.Equal(["pkcs12-file"], SecretRuleSet.Default.SkippedRuleIds);
    }

    [Fact]
    public void Default_OnlyJwtBase64NeedsTranslation_AndEveryRuleRunsInLinearTime()
    {
        var translated = SecretRuleSet.Default.Rules.Where(r => r.NeededTranslation).Select(r => r.Id);
        var backtracking = SecretRuleSet.Default.Rules.Where(r => r.UsesBacktracking).Select(r => r.Id);

        Assert.Equal(["jwt-base64"], translated);
        Assert.Empty(backtracking);
        Assert.All(SecretRuleSet.Default.Rules, r => Assert.True(r.Pattern.Options.HasFlag(RegexOptions.NonBacktracking), r.Id));
    }

    [Fact]
    public void Default_RulesStartingWithWordBoundary_LeaveTheBoundaryToTheScanner()
    {
        var aws = SecretRuleSet.Default.Rules.Single(r => r.Id == "aws-access-token");
        var slack = SecretRuleSet.Default.Rules.Single(r => r.Id == "slack-bot-token");

        Assert.True(aws.LeadingBoundary);
        Assert.StartsWith("((?:A3T", aws.Pattern.ToString(), StringComparison.Ordinal);
        Assert.False(slack.LeadingBoundary);
    }

    [Fact]
    public void Default_IsBuiltOncePerProcess()
    {
        Assert.Same(SecretRuleSet.Default, SecretRuleSet.Default);
    }

    [Fact]
    public void FromText_BuildsARulesRegexOnlyOnceItsKeywordOccursInAScannedText()
    {
        const string Toml = """
            [[rules]]
            id = "alpha"
            regex = '''\balpha_[a-z0-9]{8}\b'''
            keywords = ["alpha_"]
            [[rules.allowlists]]
            regexes = ['''alpha_example''']
            [[rules]]
            id = "beta"
            regex = '''\bbeta_[a-z0-9]{8}\b'''
            keywords = ["beta_"]
            """;
        var set = SecretRuleSet.FromText([("t.toml", Toml)]);
        var scanner = new SecretScanner(set);

        Assert.All(set.Rules, r => Assert.False(r.IsCompiled, r.Id));
        var findings = scanner.Scan("found alpha_k3y9x2m7 in the log");

        Assert.Equal(["alpha"], findings.Select(f => f.RuleId));
        Assert.Equal([true, false], set.Rules.Select(r => r.IsCompiled));
    }

    private static bool RuleIdIn(string text, string id) => text.Contains($"id = \"{id}\"", StringComparison.Ordinal);

    [GeneratedRegex(@"^\[\[rules\]\][ \t]*$", RegexOptions.Multiline)]
    private static partial Regex RulesTable();
}
