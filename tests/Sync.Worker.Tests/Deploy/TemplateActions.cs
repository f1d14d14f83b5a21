using System.Text.RegularExpressions;

namespace Sync.Worker.Tests.Deploy;

/// <summary>One <c>{{ ... }}</c> action of a Go template: its text without delimiters, trim markers and comments.</summary>
internal sealed record TemplateAction(string Text, int Line)
{
    public string Keyword => Text.Split([' ', '\t', '\n', '('], 2)[0];
}

/// <summary>The structural view of Helm templates the chart tests need, since no helm binary is at hand.</summary>
internal static partial class TemplateActions
{
    private static readonly HashSet<string> Openers = new HashSet<string>(StringComparer.Ordinal) { "if", "range", "with", "define", "block" };

    /// <summary>Splits a template into actions; throws on an unclosed <c>{{</c> or a stray <c>}}</c>.</summary>
    public static IReadOnlyList<TemplateAction> Parse(string template)
    {
        var actions = new List<TemplateAction>();
        var position = 0;
        while (true)
        {
            var open = template.IndexOf("{{", position, StringComparison.Ordinal);
            var stray = template.IndexOf("}}", position, StringComparison.Ordinal);
            if (stray >= 0 && (open < 0 || stray < open))
            {
                throw new FormatException($"line {LineOf(template, stray)}: '}}}}' without '{{{{'");
            }

            if (open < 0)
            {
                return actions;
            }

            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            var nested = template.IndexOf("{{", open + 2, StringComparison.Ordinal);
            if (close < 0 || (nested >= 0 && nested < close))
            {
                throw new FormatException($"line {LineOf(template, open)}: '{{{{' is not closed");
            }

            var text = template[(open + 2)..close].Trim();
            text = text.TrimStart('-').TrimEnd('-').Trim();
            if (!(text.StartsWith("/*", StringComparison.Ordinal) && text.EndsWith("*/", StringComparison.Ordinal)))
            {
                actions.Add(new TemplateAction(text, LineOf(template, open)));
            }

            position = close + 2;
        }
    }

    /// <summary>Problems with the nesting of if/range/with/define/block and end; empty when balanced.</summary>
    public static IReadOnlyList<string> BlockProblems(IReadOnlyList<TemplateAction> actions)
    {
        var problems = new List<string>();
        var open = new Stack<TemplateAction>();
        foreach (var action in actions)
        {
            if (Openers.Contains(action.Keyword))
            {
                open.Push(action);
            }
            else if (action.Keyword == "else" && open.Count == 0)
            {
                problems.Add($"line {action.Line}: 'else' outside a block");
            }
            else if (action.Keyword == "end" && !open.TryPop(out _))
            {
                problems.Add($"line {action.Line}: 'end' without a block to close");
            }
        }

        problems.AddRange(open.Select(a => $"line {a.Line}: '{a.Keyword}' is never closed by 'end'"));
        return problems;
    }

    /// <summary>Every <c>.Values.a.b</c> path in the text (the chart reads values only this way: no index, no $.Values in ranges).</summary>
    public static IReadOnlyList<string> ValuesPaths(string template) =>
        [.. ValuesPath().Matches(template).Select(m => m.Groups[1].Value.TrimEnd('.')).Distinct(StringComparer.Ordinal)];

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"\.Values\.([A-Za-z0-9_.]+)")]
    private static partial Regex ValuesPath();
}
