using System.Text.RegularExpressions;
using Sync.Core.Publishing.Secrets;

namespace Sync.Core.Tests.Publishing.Secrets;

public sealed class Re2TranslatorTests
{
    [Theory]
    [InlineData(@"\bZXlK(?:(?P<alg>aGJH)|(?P<x5u>NE5Y))", @"\bZXlK(?:(?<alg>aGJH)|(?<x5u>NE5Y))")]
    [InlineData("[[:alpha:][:digit:]_]+", "[A-Za-z0-9_]+")]
    [InlineData("[^[:space:]]", @"[^\t\n\v\f\r ]")]
    [InlineData(@"\pL+\PN", @"\p{L}+\P{N}")]
    [InlineData(@"\p{Lu}", @"\p{Lu}")]
    [InlineData(@"a\x{41}", @"a\u0041")]
    [InlineData(@"\Qa.b\E+", @"a\.b+")]
    [InlineData(@"[^]]+]", @"[^\]]+]")]
    [InlineData(@"(?i)\b(p8e-(?i)[a-z0-9]{32})(?:[\x60'""\s;]|\\[nr]|$)", @"(?i)\b(p8e-(?i)[a-z0-9]{32})(?:[\x60'""\s;]|\\[nr]|$)")]
    public void Translate_Re2Syntax_BecomesEquivalentDotNet(string re2, string expected)
    {
        var translation = Re2Translator.Translate(re2);

        Assert.Equal(expected, translation.Pattern);
        Assert.Equal(re2 != expected, translation.Changed);
        _ = new Regex(translation.Pattern, RegexOptions.NonBacktracking);
    }

    [Fact]
    public void Translate_MixedGroups_KeepsRe2OrderLeftToRight()
    {
        var translation = Re2Translator.Translate(@"(?P<key>[a-z]+)(?:=)(\d+)(?<tail>x)?([[(]])");

        Assert.Equal(["key", null, "tail", null], translation.GroupNames);
    }

    [Fact]
    public void FromText_SecretGroupAfterANamedGroup_CountsGroupsAsRe2Does()
    {
        // .NET numbers unnamed groups before named ones; RE2 counts left to right, so group 2 here is the digits.
        var rules = SecretRuleSet.FromText([("t.toml", "[[rules]]\nid = \"r\"\nregex = '''(?P<key>id)=(\\d+)'''\nsecretGroup = 2\n")]);

        var finding = Assert.Single(new SecretScanner(rules).Scan("see id=4711 now"));

        Assert.Equal(new SecretFinding("r", 7, 4), finding);
    }
}
