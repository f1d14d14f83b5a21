using System.Text;
using Sync.Core.Publishing.Secrets;

namespace Sync.Core.Tests.Publishing.Secrets;

public sealed class SecretScannerTests
{
    private static readonly SecretScanner Scanner = new(SecretRuleSet.Default);

    public static TheoryData<string> CaseNames => new(SecretCases.All.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Scan_Secret_FindsExactlyItsSpan(string name)
    {
        var secretCase = SecretCases.All[name];

        var findings = Scanner.Scan(secretCase.Text);

        Assert.Equal(secretCase.Spans, findings.Select(f => (f.Start, f.Length)));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Scan_TextRedactedFromFindings_FindsNothingMore(string name)
    {
        var text = SecretCases.All[name].Text;

        var redacted = Redact(text, Scanner.Scan(text));

        Assert.Empty(Scanner.Scan(redacted));
    }

    [Theory]
    [InlineData("found {0} in the log", "gitlab personal token", "gitlab-pat")]
    [InlineData("found {0} in the log", "github token", "github-pat")]
    [InlineData("found {0} in the log", "aws access key id", "aws-access-token")]
    [InlineData("found {0} in the log", "slack bot token", "slack-bot-token")]
    [InlineData("found {0} in the log", "stripe secret key", "stripe-access-token")]
    [InlineData("found {0} in the log", "google api key", "gcp-api-key")]
    [InlineData("found {0} in the log", "jwt", "jwt")]
    [InlineData("found x_{0} in the log", "aws access key id", "aws-access-token")]
    public void Scan_PlainToken_IsFoundByItsGitleaksRule(string format, string kind, string rule)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, SecretCases.Tokens[kind]);

        Assert.Equal(rule, Assert.Single(Scanner.Scan(text)).RuleId);
    }

    [Theory]
    [InlineData("connection string password", "issuesync-connection-string-password")]
    [InlineData("url password", "issuesync-url-userinfo-password")]
    [InlineData("aws secret access key, cli", "issuesync-aws-secret-access-key")]
    [InlineData("pem private key, unterminated", "issuesync-private-key-block")]
    [InlineData("pgp private key block, unterminated", "issuesync-private-key-block")]
    [InlineData("putty private key", "issuesync-putty-private-key")]
    [InlineData("authorization header", "issuesync-authorization-header")]
    public void Scan_WithOurRulesAlone_FindsWhatGitleaksLacks(string name, string rule)
    {
        var ours = new SecretScanner(SecretRuleSet.Load([SecretRuleSet.IssueSyncFile]));
        var gitleaks = new SecretScanner(SecretRuleSet.Load([SecretRuleSet.GitleaksFile]));
        var secretCase = SecretCases.All[name];

        var finding = Assert.Single(ours.Scan(secretCase.Text));

        Assert.Equal(new SecretFinding(rule, secretCase.Spans[0].Start, secretCase.Spans[0].Length), finding);
        Assert.DoesNotContain(gitleaks.Scan(secretCase.Text), f => (f.Start, f.Length) == secretCase.Spans[0]);
    }

    [Fact]
    public void Scan_GitLabTokenLongerThanGitleaksShape_IsRemovedWhole()
    {
        // gitleaks' gitlab-pat takes exactly 20 characters and would leave the tail of a longer token behind.
        var text = $"token {FakeSecrets.GitLabPatLong} here";

        var finding = Assert.Single(Scanner.Scan(text));

        Assert.Equal((6, FakeSecrets.GitLabPatLong.Length), (finding.Start, finding.Length));
    }

    [Fact]
    public void Scan_SeveralSecrets_ReportsEachInTextOrder()
    {
        var text = $"a {FakeSecrets.GitHubPat} b\nPassword={FakeSecrets.Password};\nc {FakeSecrets.Stripe} d";

        var findings = Scanner.Scan(text);

        Assert.Equal(
            [
                (2, FakeSecrets.GitHubPat.Length),
                (text.IndexOf(FakeSecrets.Password, StringComparison.Ordinal), FakeSecrets.Password.Length),
                (text.IndexOf(FakeSecrets.Stripe, StringComparison.Ordinal), FakeSecrets.Stripe.Length),
            ],
            findings.Select(f => (f.Start, f.Length)));
    }

    [Fact]
    public void Scan_SecretInLargeText_IsFoundAtItsOffset()
    {
        var filler = new StringBuilder();
        while (filler.Length < 64 * 1024)
        {
            filler.Append("The export job retries three times, then reports the failure to the on-call channel.\n");
        }

        var text = filler + FakeSecrets.AwsKeyId + "\n" + filler;

        var finding = Assert.Single(Scanner.Scan(text));

        Assert.Equal((filler.Length, FakeSecrets.AwsKeyId.Length), (finding.Start, finding.Length));
    }

    [Fact]
    public void Scan_EmptyText_FindsNothing()
    {
        Assert.Empty(Scanner.Scan(""));
    }

    internal static string Redact(string text, IReadOnlyList<SecretFinding> findings)
    {
        var result = new StringBuilder(text);
        foreach (var finding in findings.OrderByDescending(f => f.Start))
        {
            result.Remove(finding.Start, finding.Length).Insert(finding.Start, SecretScanner.Placeholder);
        }

        return result.ToString();
    }
}
