using Sync.Sandbox.GitLab.QuickActions;

namespace Sync.Sandbox.Tests.GitLab.QuickActions;

/// <summary>
/// The extractor against GitLab's own regex: every expected value below is what Ruby 3.1 (Onigmo) returns for the
/// regex of lib/gitlab/quick_actions/extractor.rb (commit 18f7828977b74bf6e5153594a098ef90e773b3b7) run over the
/// same input with the names of quick-action-names.txt, including the substitution pass.
/// </summary>
public sealed class QuickActionExtractorTests
{
    public static TheoryData<string, string, string, string[]> GitLabCases => new()
    {
        { "a command line in the middle of text is removed", "hello\n/close\nworld", "hello\nworld", ["close"] },
        { "names match case-insensitively", "/CLOSE", "", ["close"] },
        { "a line with a leading space is not a command", " /close", " /close", [] },
        { "an escaped slash is not a command", "\\/close", "\\/close", [] },
        { "a command in the middle of a line is not a command", "x /close", "x /close", [] },
        { "a longer word is not a known name", "/closed", "/closed", [] },
        { "unknown names stay as text", "/unknown_cmd arg", "/unknown_cmd arg", [] },
        { "a ``` fence at column 0 protects", "```\n/close\n```", "```\n/close\n```", [] },
        { "a ~~~ fence protects nothing", "~~~\n/close\n~~~", "~~~\n~~~", ["close"] },
        { "an indented fence protects only through the inline-code rule (its closing line ends with a backtick)", "  ```\n/close\n  ```", "  ```\n/close\n  ```", [] },
        { "a >>> quote block protects", ">>>\n/close\n>>>", ">>>\n/close\n>>>", [] },
        { "a > quote line does not start with a slash", "> /close", "> /close", [] },
        { "an HTML block (a tag line to a closing-tag line) protects", "<div>\n/close\n</div>", "<div>\n/close\n</div>", [] },
        { "the HTML block runs to the first closing-tag line", "<details>\n<summary>x</summary>\n/close\n</details>", "<details>\n<summary>x</summary>\n/close\n</details>", [] },
        { "a later line ending in a backtick swallows the commands above it", "/close\nUse `foo`", "/close\nUse `foo`", [] },
        { "inline code on its own earlier line protects nothing below", "Run `make`\n/close", "Run `make`", ["close"] },
        { "the argument runs to the end of the line", "/label ~a ~\"b c\"", "", ["label: ~a ~\"b c\""] },
        { "carriage returns are deleted first", "/close\r\n/reopen", "", ["close", "reopen"] },
        { "the argument keeps trailing spaces and the blank lines after a command go with it", "/title New title   \n\n\nrest", "rest", ["title: New title   "] },
        { "a substitution rewrites its line", "/shrug wow", "wow \u00af\\\uff3f(\u30c4)\uff3f/\u00af", ["shrug: wow"] },
        { "Unicode case folding matches (long s), the name is then unknown so nothing runs", "/clo\u017fe", "", ["clo\u017fe"] },
        { "an HTML comment opens an HTML block (GitLab issue 296135)", "<!-- comment -->\n/close\n<p>\n</p>", "<!-- comment -->\n/close\n<p>\n</p>", [] },
        { "a tab is not the separator before an argument", "/close\t", "/close", [] },
        { "the stored text is right-trimmed", "hello  \n\n", "hello", [] },
        { "the substitution rewrite is case-sensitive", "/SHRUG wow", "/SHRUG wow", ["shrug: wow"] },
        { "a substitution without an argument", "text\n/tableflip\nmore", "text\n (\u256f\u00b0\u25a1\u00b0)\u256f\ufe35 \u253b\u2501\u253b\nmore", ["tableflip"] },
        { "upper case names are lower-cased", "/LOCK", "", ["lock"] },
        { "the Kelvin sign folds to k and lower-cases to a known name", "/loc\u212a", "", ["lock"] },
        { "several commands in a row", "/label ~a\n/confidential\nbody", "body", ["label: ~a", "confidential"] },
        { "a fence protects its content but not the command after it", "a\n\n```\n/close\n```\n\n/reopen", "a\n\n```\n/close\n```", ["reopen"] },
        { "an argument to a command that takes none is kept", "/close foo bar", "", ["close: foo bar"] },
        { "a blank argument is dropped", "/close  ", "", ["close"] },
        { "a path argument", "/move acme/other\n", "", ["move: acme/other"] },
        { "a fence with a language protects", "```ruby\n/close\n```", "```ruby\n/close\n```", [] },
        { "an indented fence whose closing line ends in a space protects nothing", "  ```\n/close\n  ``` \nmore", "  ```\n  ``` \nmore", ["close"] },
        { "a fence below swallows the commands above it", "/close\n```\ncode\n```", "/close\n```\ncode\n```", [] },
        { "a backtick line protects the commands above it, not below", "/close\n`x`\n/reopen", "/close\n`x`", ["reopen"] },
        { "a quoted label name with a space", "Intro\n/label ~\"needs review\" ~bug\nOutro", "Intro\nOutro", ["label: ~\"needs review\" ~bug"] },
        { "sharp s folds to ss (the command is removed, its name is unknown)", "/a\u00dfign @x", "", ["a\u00dfign: @x"] },
        { "capital sharp s folds to ss and lower-cases to sharp s", "/a\u1e9eign @x", "", ["a\u00dfign: @x"] },
        { "the fi ligature folds to fi", "/con\ufb01dential", "", ["con\ufb01dential"] },
        { "the st ligature folds to st", "/e\ufb06imate 1h", "", ["e\ufb06imate: 1h"] },
        { "a name GitLab knows but the sandbox does not emulate is still removed", "/ESTIMATE 1h", "", ["estimate: 1h"] },
        { "a backtick line pair protects only up to its closing backtick", "`\n`\n/close", "`\n`", ["close"] },
        { "two adjacent backticks are not inline code", "``\n/close", "``", ["close"] },
        { "a backtick then a backtick ending a later line protects what lies between", "x`\n/close\n`", "x`\n/close\n`", [] },
        { "a line-ending backtick right after the only other backtick protects nothing", "/close\n``", "``", ["close"] },
        { "an HTML block spans blank lines", "<br>\n\n/close\n\n</br>", "<br>\n\n/close\n\n</br>", [] },
        { "an unclosed fence protects nothing", "```\n/close", "```", ["close"] },
        { "an unclosed quote block protects nothing", ">>>\n/close", ">>>", ["close"] },
        { "a line after a > quote is a command (no lazy continuation)", "> quote\n/close", "> quote", ["close"] },
        { "a line after a list item is a command", "- item\n/close", "- item", ["close"] },
    };

    [Theory]
    [MemberData(nameof(GitLabCases))]
    public void Extract_GivesWhatGitLabsRegexGives(string because, string input, string text, string[] commands)
    {
        var result = QuickActionExtractor.Extract(input);

        Assert.True(text == result.Text, $"{because}: text was {result.Text}");
        Assert.Equal(commands, result.Commands.Select(c => c.Argument is null ? c.Name : $"{c.Name}: {c.Argument}"));
    }

    [Fact]
    public void Extract_MegabyteDescriptionOfShortLines_FindsTheCommandAtTheEnd()
    {
        // GitLab's regex backtracks from every line start here (Ruby needs minutes for this text); the port must
        // give the same answer without hitting its 10 s regex ceiling.
        var input = string.Concat(Enumerable.Repeat(new string('x', 50) + "\n", 20_000)) + "/close";

        var result = QuickActionExtractor.Extract(input);

        Assert.Equal(["close"], result.Commands.Select(c => c.Name));
        Assert.Equal(input[..^"\n/close".Length], result.Text);
    }
}
