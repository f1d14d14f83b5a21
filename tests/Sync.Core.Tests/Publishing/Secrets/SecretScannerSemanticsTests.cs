using System.Text.RegularExpressions;
using Sync.Core.Publishing.Secrets;

namespace Sync.Core.Tests.Publishing.Secrets;

/// <summary>gitleaks' rule semantics (keywords, secret group, entropy, allowlists) and what the scanner adds to them.</summary>
public sealed class SecretScannerSemanticsTests
{
    private static IReadOnlyList<SecretFinding> Scan(string toml, string text) =>
        new SecretScanner(SecretRuleSet.FromText([("t.toml", toml)])).Scan(text);

    [Theory]
    [InlineData("id 4711", false)]
    [InlineData("zebra id 4711", true)]
    [InlineData("ZEBRA id 4711", true)]
    [InlineData("zeb\u200Bra id 4711", true)]
    public void Scan_RuleWithKeywords_RunsOnlyWhenOneOccurs(string text, bool found)
    {
        const string Toml = "[[rules]]\nid = \"r\"\nregex = '''id (\\d+)'''\nkeywords = [\"Zebra\", \"okapi\"]\n";

        Assert.Equal(found, Scan(Toml, text).Count == 1);
    }

    [Theory]
    [InlineData("k=abab", 1.0, true)]
    [InlineData("k=abcd", 2.0, true)]
    [InlineData("k=abcd", 2.01, false)]
    [InlineData("k=aaaa", 0.5, false)]
    public void Scan_RuleWithEntropy_NeedsTheSecretToReachIt(string text, double entropy, bool found)
    {
        var toml = $"[[rules]]\nid = \"r\"\nregex = '''k=(\\w+)'''\nentropy = {entropy.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n";

        Assert.Equal(found, Scan(toml, text).Count == 1);
    }

    [Fact]
    public void Scan_RuleWithGroups_RemovesTheFirstNonEmptyGroupOrTheWholeMatch()
    {
        const string Toml = """
            [[rules]]
            id = "groups"
            regex = '''(?:a=(\w+)|b=(\w+))'''
            [[rules]]
            id = "whole"
            regex = '''c=\w+'''
            [[rules]]
            id = "unset-group"
            regex = '''d=(x)?(\w+)'''
            secretGroup = 1
            """;

        var findings = Scan(Toml, "a=one b=two c=three d=four");

        Assert.Equal([new("groups", 2, 3), new("groups", 8, 3), new("whole", 12, 7)], findings);
    }

    [Fact]
    public void Scan_GroupBeforeNewlineOrEndOfText_IsReadCorrectly()
    {
        // .NET's linear-time engine loses the group of a match that ends with the text's final line feed; the scanner
        // reads groups with the other engine.
        const string Toml = "[[rules]]\nid = \"r\"\nregex = '''key=(\\w+)(?:\\n|\\z)'''\n";

        Assert.Equal([new SecretFinding("r", 4, 5), new SecretFinding("r", 14, 5)], Scan(Toml, "key=value\nkey=other\n"));
    }

    [Fact]
    public void Scan_GitleaksRuleEndingInNewlineOrEndOfText_RemovesOnlyItsSecret()
    {
        var token = "sha" + "256~" + FakeSecrets.Random("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 43, 31);

        var finding = Assert.Single(new SecretScanner(SecretRuleSet.Default).Scan($"oc login --token {token}\n"));

        Assert.Equal(new SecretFinding("openshift-user-token", 17, token.Length), finding);
    }

    [Theory]
    [InlineData("secret", "k=tmp-123", false)]
    [InlineData("secret", "k=prod-123", true)]
    [InlineData("match", "k=prod-123 # test", true)]
    [InlineData("line", "k=prod-123 # test", false)]
    [InlineData("line", "x\nk=prod-123\n# test", true)]
    public void Scan_AllowlistRegex_IsTriedAgainstItsTarget(string target, string text, bool found)
    {
        var toml = $"[[rules]]\nid = \"r\"\nregex = '''k=([\\w-]+)'''\n[[rules.allowlists]]\nregexTarget = \"{target}\"\nregexes = ['''^tmp-''', '''#\\s*test''']\n";

        Assert.Equal(found, Scan(toml, text).Count == 1);
    }

    [Theory]
    [InlineData("OR", "k=DummyValue1", false)]
    [InlineData("OR", "k=ABC-value2", false)]
    [InlineData("AND", "k=DummyValue1", true)]
    [InlineData("AND", "k=ABC-dummy3", false)]
    public void Scan_AllowlistCondition_CombinesRegexesAndStopwords(string condition, string text, bool found)
    {
        var toml = $"[[rules]]\nid = \"r\"\nregex = '''k=([\\w-]+)'''\n[[rules.allowlists]]\ncondition = \"{condition}\"\nregexes = ['''^ABC-''']\nstopwords = [\"DUMMY\"]\n";

        Assert.Equal(found, Scan(toml, text).Count == 1);
    }

    [Theory]
    [InlineData("condition = \"AND\"\npaths = ['''\\.bb$''']\nregexes = ['''^x''']\n")]
    [InlineData("paths = ['''\\.md$''']\n")]
    [InlineData("commits = [\"abc\"]\n")]
    public void Scan_AllowlistThatNeedsAPathOrCommit_NeverApplies(string allowlist)
    {
        var toml = $"[[rules]]\nid = \"r\"\nregex = '''k=(\\w+)'''\n[[rules.allowlists]]\n{allowlist}";

        Assert.Single(Scan(toml, "k=xvalue"));
    }

    [Fact]
    public void Scan_GlobalAllowlist_AppliesToTheRulesOfItsOwnFileOnly()
    {
        const string Theirs = "[allowlist]\nregexes = ['''(?i)^true|false|null$''']\n[[rules]]\nid = \"theirs\"\nregex = '''a=(\\w+)'''\n";
        const string Ours = "[[rules]]\nid = \"ours\"\nregex = '''b=(\\w+)'''\n";
        var scanner = new SecretScanner(SecretRuleSet.FromText([("theirs.toml", Theirs), ("ours.toml", Ours)]));

        var findings = scanner.Scan("a=isnull b=isnull a=real");

        Assert.Equal([new("ours", 11, 6), new("theirs", 20, 4)], findings);
    }

    [Fact]
    public void Scan_AwsDocumentationKeyId_StaysAllowlistedAsInGitleaks()
    {
        var example = "AK" + "IAIOSFODNN7" + "EXAMPLE";
        var scanner = new SecretScanner(SecretRuleSet.Default);

        Assert.Empty(scanner.Scan($"aws_access_key_id = {example}"));
        Assert.Single(scanner.Scan($"aws_access_key_id = {FakeSecrets.AwsKeyId}"));
    }

    [Fact]
    public void Scan_GooglePublicSdkKeyListedByGitleaks_StaysAllowlisted()
    {
        var listed = "AI" + "zaSyabcdefghijklmnopqrstuvwxyz1234567";

        Assert.Empty(new SecretScanner(SecretRuleSet.Default).Scan($"maps key {listed} here"));
    }

    [Fact]
    public void Scan_Base64Jwt_IsRemovedWholeNotJustItsNamedHeaderGroup()
    {
        var token = "ZX" + "lKaGJHY2lPaU" + FakeSecrets.Random("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 60, 30);

        var finding = Assert.Single(new SecretScanner(SecretRuleSet.Default).Scan($"cookie {token} end"));

        Assert.Equal(new SecretFinding("jwt-base64", 7, token.Length), finding);
    }

    [Fact]
    public void Scan_OverlappingFindings_AreMergedIntoOneSpan()
    {
        const string Toml = "[[rules]]\nid = \"left\"\nregex = '''abc-\\d+'''\n[[rules]]\nid = \"right\"\nregex = '''\\d+-xyz'''\n";

        Assert.Equal([new SecretFinding("left", 2, 11)], Scan(Toml, "> abc-123-xyz <"));
    }

    [Theory]
    [InlineData("id=[REDACTED]")]
    [InlineData("id=\"[REDACTED]\"")]
    [InlineData("id=[REDACTED][REDACTED]")]
    public void Scan_SpanThatIsOnlyThePlaceholder_IsNoFinding(string text)
    {
        Assert.Empty(Scan("[[rules]]\nid = \"r\"\nregex = '''id=(\\S+)'''\n", text));
    }

    [Fact]
    public void Scan_SpanWithMoreThanThePlaceholder_IsAFinding()
    {
        Assert.Equal([new SecretFinding("r", 3, 13)], Scan("[[rules]]\nid = \"r\"\nregex = '''id=(\\S+)'''\n", "id=[REDACTED]abc"));
    }

    [Fact]
    public void Scan_ExtraPatterns_AreRulesWhoseWholeMatchIsTheSecret()
    {
        var scanner = new SecretScanner(SecretRuleSet.FromText([]), [("ticket", new Regex(@"ACME-\d{6}", RegexOptions.None, TimeSpan.FromSeconds(1)))]);

        var findings = scanner.Scan("see ACME-204981, ACME&#45;204982 and [REDACTED]");

        Assert.Equal([new SecretFinding("ticket", 4, 11), new SecretFinding("ticket", 17, 15)], findings);
    }

    [Fact]
    public void Scan_GluedTokenAfterALetter_IsNotFoundWhereTheRuleWantsABoundary()
    {
        const string Toml = "[[rules]]\nid = \"vault-like\"\nregex = '''\\b(s\\.[a-z0-9]{8})(?:\\s|$)'''\n";

        var findings = Scan(Toml, "requests.abcd1234 x_s.abcd1234 %4As.efgh5678 s.ijkl9012");

        Assert.Equal([new("vault-like", 20, 10), new("vault-like", 34, 10), new("vault-like", 45, 10)], findings);
    }
}
