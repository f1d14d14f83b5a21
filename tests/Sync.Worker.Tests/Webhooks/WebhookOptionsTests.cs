using Microsoft.Extensions.Configuration;
using Sync.Worker.Configuration;

namespace Sync.Worker.Tests.Webhooks;

public sealed class WebhookOptionsTests
{
    private static IReadOnlyList<string> Failures(WebhookOptions webhooks)
    {
        var options = new IssueSyncOptions { Webhooks = webhooks };
        var result = new IssueSyncOptionsValidator(new ConfigurationBuilder().Build()).Validate(null, options);
        return [.. (result.Failures ?? []).Where(f => f.StartsWith("IssueSync:Webhooks", StringComparison.Ordinal))];
    }

    [Fact]
    public void Defaults_AreValid_AndLeaveBothEndpointsOff()
    {
        var defaults = new WebhookOptions();
        Assert.Empty(Failures(defaults));
        Assert.Null(defaults.GitHubSecret);
        Assert.Null(defaults.GitLabSecret);
        Assert.Equal(1_048_576, defaults.MaxBodyBytes);
    }

    [Fact]
    public void ShortSecret_IsOneLineNamingTheKey_WithoutTheSecret()
    {
        var failure = Assert.Single(Failures(new WebhookOptions { GitHubSecret = "tooShort123" }));
        Assert.Equal("IssueSync:Webhooks:GitHubSecret: is shorter than 16 characters; use a long random value", failure);
        Assert.DoesNotContain("tooShort123", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretWithSurroundingWhitespace_IsRejected() =>
        Assert.Equal(
            "IssueSync:Webhooks:GitLabSecret: starts or ends with whitespace or contains a control character",
            Assert.Single(Failures(new WebhookOptions { GitLabSecret = "0123456789abcdef\n" })));

    [Theory]
    [InlineData(1023)]
    [InlineData(26_214_401)]
    public void MaxBodyBytes_OutsideOneKiBTo25MiB_IsRejected(int bytes) =>
        Assert.Equal(
            $"IssueSync:Webhooks:MaxBodyBytes: {bytes} is outside 1024 to 26214400",
            Assert.Single(Failures(new WebhookOptions { MaxBodyBytes = bytes })));

    [Theory]
    [InlineData(1024)]
    [InlineData(26_214_400)]
    public void MaxBodyBytes_AtTheBounds_IsAccepted(int bytes) =>
        Assert.Empty(Failures(new WebhookOptions { MaxBodyBytes = bytes, GitHubSecret = "0123456789abcdef" }));
}
