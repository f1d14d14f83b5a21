using System.Text.RegularExpressions;

namespace Sync.Sandbox.Tests.Docs;

/// <summary>
/// docs/tracker-behaviour.md is the emulator's evidence: every row has four columns, and every test it names in its test
/// columns exists in the test sources, so a renamed or deleted test cannot leave a row pointing at nothing.
/// </summary>
public sealed partial class TrackerBehaviourDocTests
{
    [Fact]
    public void EveryRow_HasFourColumns_AndEveryTestItNames_Exists()
    {
        var root = RepositoryRoot();
        var tests = TestMethods(Path.Combine(root, "tests"));
        var problems = new List<string>();
        var rows = 0;
        foreach (var (line, number) in File.ReadLines(Path.Combine(root, "docs", "tracker-behaviour.md")).Select((l, i) => (l, i + 1)))
        {
            if (!line.StartsWith("| ", StringComparison.Ordinal) || line.StartsWith("| behaviour |", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = Cells(line);
            if (cells.Count != 4)
            {
                problems.Add($"line {number}: {cells.Count} columns");
                continue;
            }

            rows++;
            foreach (var cell in cells.Skip(2))
            {
                problems.AddRange(Unknown(cell, tests).Select(name => $"line {number}: no test {name}"));
            }
        }

        Assert.True(rows >= 50, $"only {rows} rows read");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// <c>`Class.Method`</c> must exist; a bare <c>`Method_Name`</c> after it in the same cell is another method of that
    /// class (the table's shorthand); <c>`Class.*`</c> needs only the class.
    /// </summary>
    private static IEnumerable<string> Unknown(string cell, Dictionary<string, HashSet<string>> tests)
    {
        string? current = null;
        foreach (Match m in Code().Matches(cell))
        {
            var token = m.Groups[1].Value;
            if (QualifiedName().Match(token) is { Success: true } q)
            {
                current = q.Groups[1].Value;
                var method = q.Groups[2].Value;
                if (!tests.TryGetValue(current, out var methods) || (method != "*" && !methods.Contains(method)))
                {
                    yield return token;
                }
            }
            else if (current is not null && MethodName().IsMatch(token) && token.Any(char.IsLower)
                && !(tests.TryGetValue(current, out var methods) && methods.Contains(token)))
            {
                yield return $"{current}.{token}";
            }
        }
    }

    private static Dictionary<string, HashSet<string>> TestMethods(string testsDirectory)
    {
        var byClass = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(testsDirectory, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            var methods = TestMethod().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            foreach (Match c in ClassDeclaration().Matches(text))
            {
                byClass.TryAdd(c.Groups[1].Value, []);
                byClass[c.Groups[1].Value].UnionWith(methods);
            }
        }

        return byClass;
    }

    /// <summary>Splits a table row on its unescaped pipes (<c>\|</c> is a pipe inside a cell).</summary>
    private static List<string> Cells(string line) =>
        [.. CellSplit().Split(line.Trim().Trim('|')).Select(c => c.Trim())];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IssueSync.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IssueSync.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"^([A-Z][A-Za-z0-9]*Tests)\.([A-Za-z0-9_]+|\*)$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*_[A-Za-z0-9_]+$")]
    private static partial Regex MethodName();

    [GeneratedRegex(@"public\s+(?:async\s+)?(?:Task|void)\s+(\w+)\s*\(")]
    private static partial Regex TestMethod();

    [GeneratedRegex(@"^\s*(?:public|internal)\s+(?:sealed\s+|static\s+|partial\s+|abstract\s+)*class\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSplit();
}
