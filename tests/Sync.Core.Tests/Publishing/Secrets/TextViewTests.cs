using Sync.Core.Publishing.Secrets;

namespace Sync.Core.Tests.Publishing.Secrets;

public sealed class TextViewTests
{
    [Theory]
    [InlineData("a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf\u00ADg", "abcdefg")]
    [InlineData("a\U000E0041b", "ab")]
    [InlineData("x%20y%5Fz%e2%82%ACw", "x y_z€w")]
    [InlineData("%E2%80%8Bab", "ab")]
    [InlineData("100%, %zz, %4, %C3 and %FF stay", "100%, %zz, %4, %C3 and %FF stay")]
    [InlineData("&#95;&#x5f;&#X5F;&lowbar;&UnderBar;&amp;&lt;&period;&ZeroWidthSpace;!", "_____&<.!")]
    [InlineData("&nosuchname; &#xZZ; & x;", "&nosuchname; &#xZZ; & x;")]
    [InlineData(@"a\_b\-c\\d\n", @"a_b-c\d\n")]
    [InlineData("%255F &amp;#95; %26#95;", "_ _ _")]
    public void Decode_EncodedText_ReadsAsRendered(string text, string expected)
    {
        Assert.Equal(expected, TextView.Decode(text).Text);
    }

    [Fact]
    public void Decode_NothingToDecode_IsNotAView()
    {
        Assert.False(TextView.Decode("plain text with a % and & and \\ in it").IsDecoded);
    }

    [Fact]
    public void ToOriginal_SpansOverDecodedCharacters_CoverTheirEncodings()
    {
        const string Text = "ab%43d\u200Be&#102;g";

        var view = TextView.Decode(Text);

        Assert.Equal("abCdefg", view.Text);
        Assert.Equal((2, 3), view.ToOriginal(2, 1));
        Assert.Equal((2, 6), view.ToOriginal(2, 3));
        Assert.Equal((5, 1), view.ToOriginal(3, 1));
        Assert.Equal((7, 8), view.ToOriginal(4, 3));
        Assert.Equal((0, Text.Length), view.ToOriginal(0, view.Text.Length));
    }

    [Fact]
    public void ToOriginal_DoubleEncoding_MapsToTheOuterEncoding()
    {
        var view = TextView.Decode("x%255Fy");

        Assert.Equal("x_y", view.Text);
        Assert.Equal((1, 5), view.ToOriginal(1, 1));
    }

    [Fact]
    public void SeamBefore_MarksWhereSomethingWasDroppedOrDecoded()
    {
        var view = TextView.Decode("ab\u200Bcd&#101;fg");

        Assert.Equal("abcdefg", view.Text);
        Assert.Equal([false, false, true, false, true, true, false], Enumerable.Range(0, 7).Select(view.SeamBefore));
    }
}
