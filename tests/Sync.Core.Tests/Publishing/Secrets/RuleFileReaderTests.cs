using Sync.Core.Publishing.Secrets;

namespace Sync.Core.Tests.Publishing.Secrets;

public sealed class RuleFileReaderTests
{
    [Fact]
    public void Read_GitleaksSyntax_ReadsRulesAllowlistsAndStrings()
    {
        const string Toml = """
            # comment
            title = "t" # trailing comment

            [allowlist]
            description = "global"
            paths = [
                '''a\.b''','''c''',
            ]
            stopwords = ["Foo",]

            [[rules]]
            id = "one"
            description = "Says \"hi\" \u00e9\\"
            regex = '''(?i)x=(\d+)'''
            secretGroup = 1
            entropy = 2.5
            keywords = [
                "ABC", # mixed case is folded
                'def',
            ]
            tags = ["a"]
            [[rules.allowlists]]
            regexTarget = "line"
            condition = "and"
            regexes = ['''^#''']
            stopwords = ["zz"]
            [rules.allowlist]
            regexes = [
            '''y''']

            [[rules]]
            id = "two"
            path = '''\.p12$'''
            """;

        var file = RuleFileReader.Read("test.toml", Toml);

        Assert.Equal("t", file.Title);
        var global = Assert.Single(file.Allowlists);
        Assert.Equal(["foo"], global.StopWords);
        Assert.True(global.NeedsFileContext);
        Assert.Equal(2, file.Rules.Count);
        var one = file.Rules[0];
        Assert.Equal(("one", "Says \"hi\" é\\", @"(?i)x=(\d+)", 1, 2.5), (one.Id, one.Description, one.Regex, one.SecretGroup, one.Entropy));
        Assert.Equal(["abc", "def"], one.Keywords);
        Assert.Equal(2, one.Allowlists.Count);
        Assert.Equal(("line", true, false), (one.Allowlists[0].RegexTarget, one.Allowlists[0].MatchAll, one.Allowlists[0].NeedsFileContext));
        Assert.Equal(["zz"], one.Allowlists[0].StopWords);
        Assert.Equal(["y"], one.Allowlists[1].Regexes);
        Assert.Null(file.Rules[1].Regex);
        Assert.Equal(31, file.Rules[1].Line);
    }

    [Theory]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''x'''\nseverity = \"high\"\n", 4, "unknown key 'severity' in [[rules]]")]
    [InlineData("owner = \"me\"\n", 1, "unknown key 'owner' in the top level")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''x'''\n[[rules.allowlists]]\nregexTargets = \"line\"\n", 5, "unknown key 'regexTargets' in [[rules.allowlists]]")]
    [InlineData("[extend]\nuseDefault = true\n", 1, "unknown table 'extend'")]
    [InlineData("[[rules]]\nid \"a\"\n", 2, "expected '=' but found '\"'")]
    [InlineData("[[rules]]\nid = \"a\" regex = '''x'''\n", 2, "unexpected 'r' after the value")]
    [InlineData("[[rules]]\nid = \"a\nregex = '''x'''\n", 2, "unterminated string")]
    [InlineData("[[rules]]\nid = 'a\n", 2, "unterminated string")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''x\n", 3, "unterminated ''' string")]
    [InlineData("[[rules]]\nid = \"\\q\"\n", 2, "unknown escape '\\q'")]
    [InlineData("[[rules]]\nid = \"a\"\nkeywords = [\"x\" \"y\"]\nregex = '''x'''\n", 3, "expected ',' or ']' in array")]
    [InlineData("[[rules]]\nid = \"a\"\nid = \"b\"\n", 3, "duplicate key 'id'")]
    [InlineData("[[rules.allowlists]]\nregexes = ['''x''']\n", 1, "rules.allowlists before any [[rules]]")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''x'''\nentropy = \"3\"\n", 4, "'entropy' must be a number")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''x'''\nkeywords = \"x\"\n", 4, "'keywords' must be an array of strings")]
    [InlineData("[[rules]]\ndescription = \"no id\"\nregex = '''x'''\n", 1, "rule without an id")]
    [InlineData("[[rules]]\nid = \"a\"\n", 1, "rule 'a' has neither regex nor path")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''x'''\nsecretGroup = 1.5\n", 1, "rule 'a': secretGroup must be a whole number >= 0")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''x'''\n[[rules.allowlists]]\nregexTarget = \"path\"\n", 4, "regexTarget must be secret, match or line, not 'path'")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''x'''\n[[rules.allowlists]]\ncondition = \"XOR\"\n", 4, "condition must be OR or AND, not 'XOR'")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''x'''\nentropy = 3..5\n", 4, "invalid number '3..5'")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = \"\"\"x\"\"\"\n", 3, "multi-line basic strings are not supported")]
    [InlineData("[[rules]\nid = \"a\"\n", 1, "expected ']' but found the end of the line")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = ", 3, "expected a value but found the end of the file")]
    public void Read_MalformedOrUnknown_FailsNamingFileAndLine(string toml, int line, string problem)
    {
        var error = Assert.Throws<SecretRuleFileException>(() => RuleFileReader.Read("bad.toml", toml));

        Assert.Equal(("bad.toml", line), (error.FileName, error.Line));
        Assert.Equal($"bad.toml:{line}: {problem}", error.Message);
    }

    [Theory]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''(x'''\n", 1, "'a': the regex does not compile in .NET")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''x[[:nope:]]'''\n", 1, "'a': POSIX class '[:nope:]' is not supported")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''(?U)x+'''\n", 1, "'a': RE2's ungreedy flag (?U) has no .NET equivalent")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''(x)'''\nsecretGroup = 2\n", 1, "'a': secretGroup 2 but the regex has 1 groups")]
    [InlineData("[[rules]]\nid = \"a\"\nregex = '''x'''\n[[rules.allowlists]]\nregexes = ['''(''']\n", 4, "'allowlist': the regex does not compile in .NET")]
    public void FromText_RuleThatDoesNotCompile_FailsNamingFileAndLine(string toml, int line, string problem)
    {
        var error = Assert.Throws<SecretRuleFileException>(() => SecretRuleSet.FromText([("bad.toml", toml)]));

        Assert.Equal(("bad.toml", line), (error.FileName, error.Line));
        Assert.StartsWith($"bad.toml:{line}: {problem}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromText_SameRuleIdInTwoFiles_Fails()
    {
        const string Rule = "[[rules]]\nid = \"same\"\nregex = '''x'''\n";

        var error = Assert.Throws<SecretRuleFileException>(() => SecretRuleSet.FromText([("a.toml", Rule), ("b.toml", Rule)]));

        Assert.Equal("b.toml:1: rule id 'same' is used twice", error.Message);
    }
}
