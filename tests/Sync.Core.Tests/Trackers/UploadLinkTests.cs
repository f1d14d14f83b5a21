using Sync.Core.Trackers;

namespace Sync.Core.Tests.Trackers;

public sealed class UploadLinkTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("shot.png", "shot.png")]
    [InlineData("dk.png", "dk.png")]
    [InlineData("my_log.txt", "my_log.txt")]
    [InlineData("a-b+c.tar.gz", "a-b+c.tar.gz")]
    [InlineData(".gitignore", ".gitignore")]
    [InlineData("...a", "...a")]
    [InlineData("%73hot.png", "shot.png")]
    [InlineData("a%2Bb.png", "a+b.png")]
    [InlineData("скриншот_1.png", "скриншот_1.png")]
    [InlineData("%D1%81%D0%BA%D1%80.png", "скр.png")]
    [InlineData("日本語.txt", "日本語.txt")]
    [InlineData("cafe\u0301.png", "cafe\u0301.png")]
    [InlineData("\U0001D400.png", "\U0001D400.png")]
    public void TryParse_GitLabUploadLink_ReadsSecretAndDecodedName(string rawName, string expected)
    {
        Assert.True(UploadLink.TryParse($"/uploads/{Secret}/{rawName}", out var upload));

        Assert.Equal(Secret, upload.Secret);
        Assert.Equal(expected, upload.FileName);
    }

    [Theory]
    // Dot segments, however they are written.
    [InlineData("/uploads/" + Secret + "/..")]
    [InlineData("/uploads/" + Secret + "/.")]
    [InlineData("/uploads/" + Secret + "/...")]
    [InlineData("/uploads/" + Secret + "/%2e%2e")]
    [InlineData("/uploads/" + Secret + "/%2E%2E")]
    [InlineData("/uploads/" + Secret + "/%2e%2e/%2e%2e/%2e%2e/issues")]
    [InlineData("/uploads/" + Secret + "/%2e%2e%2f%2e%2e%2fissues")]
    [InlineData("/uploads/" + Secret + "/..%2f..%2fprojects")]
    [InlineData("/uploads/" + Secret + "/../../etc/passwd")]
    // Double encoding leaves a '%' after the one decoding.
    [InlineData("/uploads/" + Secret + "/%252e%252e")]
    [InlineData("/uploads/" + Secret + "/a%2525.png")]
    // Separators, encoded or not.
    [InlineData("/uploads/" + Secret + "/a/b.png")]
    [InlineData("/uploads/" + Secret + "/a%2Fb.png")]
    [InlineData("/uploads/" + Secret + "/a%2fb.png")]
    [InlineData("/uploads/" + Secret + "/a\\b.png")]
    [InlineData("/uploads/" + Secret + "/a%5Cb.png")]
    [InlineData("/uploads/" + Secret + "/..%5c..%5cissues")]
    [InlineData("/uploads/" + Secret + "/")]
    // Query, fragment, matrix parameters, spaces.
    [InlineData("/uploads/" + Secret + "/a.png?x=1")]
    [InlineData("/uploads/" + Secret + "/a.png%3Fx=1")]
    [InlineData("/uploads/" + Secret + "/a.png#frag")]
    [InlineData("/uploads/" + Secret + "/a.png;jsessionid=1")]
    [InlineData("/uploads/" + Secret + "/my log.txt")]
    [InlineData("/uploads/" + Secret + "/my%20log.txt")]
    // Look-alike dots and slashes (one dot leader, fullwidth stop, small full stop, fraction slash, division slash).
    [InlineData("/uploads/" + Secret + "/\u2024\u2024")]
    [InlineData("/uploads/" + Secret + "/\uFF0E\uFF0E")]
    [InlineData("/uploads/" + Secret + "/%EF%BC%8E%EF%BC%8E")]
    [InlineData("/uploads/" + Secret + "/\uFE52\uFE52")]
    [InlineData("/uploads/" + Secret + "/a\u2044b.png")]
    [InlineData("/uploads/" + Secret + "/a\u2215b.png")]
    // Control and format characters: NUL, newline, right-to-left override, zero-width space, BOM.
    [InlineData("/uploads/" + Secret + "/a%00.png")]
    [InlineData("/uploads/" + Secret + "/a\0.png")]
    [InlineData("/uploads/" + Secret + "/a%0A.png")]
    [InlineData("/uploads/" + Secret + "/x\u202Egnp.exe")]
    [InlineData("/uploads/" + Secret + "/a\u200B.png")]
    [InlineData("/uploads/" + Secret + "/%EF%BB%BFa.png")]
    // Malformed escapes and UTF-8.
    [InlineData("/uploads/" + Secret + "/a%2.png")]
    [InlineData("/uploads/" + Secret + "/a%zz.png")]
    [InlineData("/uploads/" + Secret + "/a%")]
    [InlineData("/uploads/" + Secret + "/a%C3.png")]
    [InlineData("/uploads/" + Secret + "/a%C0%AE.png")]
    [InlineData("/uploads/" + Secret + "/a%ED%A0%80.png")]
    [InlineData("/uploads/" + Secret + "/a\uD800.png")]
    // Glued text: the link must be exactly the link.
    [InlineData("/uploads/" + Secret + "/a.png)glpat-abcdefghij0123456789XYZ")]
    [InlineData("/uploads/" + Secret + "/a.png glpat-abcdefghij0123456789XYZ")]
    [InlineData("/uploads/" + Secret + "/a.png\"")]
    [InlineData("/uploads/" + Secret + "/a.png>")]
    // Secrets that are not 32 lowercase hex digits.
    [InlineData("/uploads/0123456789abcdef0123456789abcde/a.png")]
    [InlineData("/uploads/0123456789abcdef0123456789abcdef0/a.png")]
    [InlineData("/uploads/0123456789ABCDEF0123456789ABCDEF/a.png")]
    [InlineData("/uploads/0123456789abcdef0123456789abcdeg/a.png")]
    [InlineData("/uploads/%30123456789abcdef0123456789abcdef/a.png")]
    [InlineData("/uploads/0123456789/a.png")]
    // Not the relative form.
    [InlineData("uploads/" + Secret + "/a.png")]
    [InlineData("//uploads/" + Secret + "/a.png")]
    [InlineData("/Uploads/" + Secret + "/a.png")]
    [InlineData("/uploads//" + Secret + "/a.png")]
    [InlineData("/files/" + Secret + "/a.png")]
    [InlineData("https://gitlab.example/acme/widget/uploads/" + Secret + "/a.png")]
    [InlineData("/acme/widget/uploads/" + Secret + "/a.png")]
    [InlineData("/uploads/" + Secret)]
    [InlineData("")]
    public void TryParse_AnythingElse_IsNotAnUploadLink(string link)
    {
        Assert.False(UploadLink.TryParse(link, out var upload));
        Assert.Null(upload);
    }

    [Fact]
    public void TryParse_Null_IsNotAnUploadLink() => Assert.False(UploadLink.TryParse(null, out _));

    [Fact]
    public void TryParse_NameOf255Characters_IsAcceptedAnd256IsNot()
    {
        Assert.True(UploadLink.TryParse($"/uploads/{Secret}/{new string('a', 251)}.png", out _));
        Assert.False(UploadLink.TryParse($"/uploads/{Secret}/{new string('a', 252)}.png", out _));
        Assert.True(UploadLink.TryParse($"/uploads/{Secret}/{string.Concat(Enumerable.Repeat("%D1%81", 255))}", out var encoded));
        Assert.Equal(255, encoded.FileName.Length);
    }

    [Fact]
    public void TryParse_VeryLongLink_IsRefusedWithoutDecodingIt() =>
        Assert.False(UploadLink.TryParse($"/uploads/{Secret}/{string.Concat(Enumerable.Repeat("%61", 100_000))}", out _));

    [Theory]
    [InlineData("shot.png")]
    [InlineData("a+b.png")]
    [InlineData("скр.png")]
    [InlineData("\U0001D400.png")]
    public void Path_ReadsBackToAnEqualLink(string name)
    {
        Assert.True(UploadLink.TryParse($"/uploads/{Secret}/{name}", out var upload));

        Assert.True(UploadLink.TryParse(upload.Path, out var again));
        Assert.Equal(upload, again);
        Assert.DoesNotContain('+', upload.Path[9..]);
    }
}
