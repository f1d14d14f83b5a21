using System.Text;
using Sync.Worker.Webhooks;

namespace Sync.Worker.Tests.Webhooks;

public sealed class WebhookSignaturesTests
{
    // docs.github.com, "Validating webhook deliveries" → "Testing the webhook payload validation".
    private const string DocumentedSecret = "It's a Secret to Everybody";
    private const string DocumentedPayload = "Hello, World!";
    private const string DocumentedSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void GitHub_DocumentedTestVector_IsProducedExactly()
    {
        Assert.Equal(DocumentedSignature, GitHubWebhookSigner.Sign(Bytes(DocumentedPayload), DocumentedSecret));
        Assert.True(WebhookSignatures.GitHubSignatureMatches(DocumentedSignature, Bytes(DocumentedPayload), DocumentedSecret));
    }

    [Fact]
    public void GitHub_WrongSecret_DoesNotMatch() =>
        Assert.False(WebhookSignatures.GitHubSignatureMatches(DocumentedSignature, Bytes(DocumentedPayload), "It's a Secret to Everybody!"));

    [Fact]
    public void GitHub_TamperedBody_DoesNotMatch() =>
        Assert.False(WebhookSignatures.GitHubSignatureMatches(DocumentedSignature, Bytes("Hello, World?"), DocumentedSecret));

    [Theory]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256= 757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1700")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=")]
    [InlineData("")]
    [InlineData(null)]
    public void GitHub_MalformedHeader_DoesNotMatch(string? header) =>
        Assert.False(WebhookSignatures.GitHubSignatureMatches(header, Bytes(DocumentedPayload), DocumentedSecret));

    [Fact]
    public void GitHub_UpperCaseHex_IsAccepted_SinceTheDecodedBytesAreCompared() =>
        Assert.True(WebhookSignatures.GitHubSignatureMatches(
            "sha256=" + DocumentedSignature["sha256=".Length..].ToUpperInvariant(), Bytes(DocumentedPayload), DocumentedSecret));

    [Fact]
    public void GitHub_EmptyBody_IsSignedLikeAnyOther()
    {
        var signature = GitHubWebhookSigner.Sign([], DocumentedSecret);
        Assert.True(WebhookSignatures.GitHubSignatureMatches(signature, [], DocumentedSecret));
        Assert.False(WebhookSignatures.GitHubSignatureMatches(signature, Bytes(" "), DocumentedSecret));
    }

    [Fact]
    public void GitLab_ExactToken_Matches() =>
        Assert.True(WebhookSignatures.GitLabTokenMatches("a-gitlab-secret-token", "a-gitlab-secret-token"));

    [Theory]
    [InlineData("a-gitlab-secret-tokeN")]
    [InlineData("a-gitlab-secret-token ")]
    [InlineData("a-gitlab-secret-toke")]
    [InlineData("a-gitlab-secret-token-and-more")]
    [InlineData("")]
    [InlineData(null)]
    public void GitLab_OtherToken_DoesNotMatch(string? token) =>
        Assert.False(WebhookSignatures.GitLabTokenMatches(token, "a-gitlab-secret-token"));
}
