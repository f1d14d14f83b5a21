namespace Sync.Core.Publishing.Secrets;

/// <summary>An allowlist as written in a rule file, before its regexes are compiled.</summary>
/// <param name="RegexTarget">"secret", "match" or "line": what the regexes are tried against.</param>
/// <param name="MatchAll">True for <c>condition = "AND"</c>: every kind of check present must agree.</param>
/// <param name="NeedsFileContext">It lists paths or commits; text has neither, so such a check never passes.</param>
internal sealed record AllowlistSpec(
    IReadOnlyList<string> Regexes, string RegexTarget, IReadOnlyList<string> StopWords, bool MatchAll, bool NeedsFileContext, int Line);

/// <param name="Regex">Null for a rule that only matches file paths; such a rule is skipped.</param>
/// <param name="SecretGroup">0 when unset: the first non-empty unnamed group, else the whole match.</param>
internal sealed record RuleSpec(
    string Id,
    string Description,
    string? Regex,
    int SecretGroup,
    double? Entropy,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<AllowlistSpec> Allowlists,
    int Line);

internal sealed record RuleFileSpec(string FileName, string? Title, IReadOnlyList<AllowlistSpec> Allowlists, IReadOnlyList<RuleSpec> Rules);

/// <summary>Maps the tables of a gitleaks-format rule file to rule and allowlist specs; unknown keys are errors.</summary>
internal static class RuleFileReader
{
    private static readonly string[] RootKeys = ["title"];
    private static readonly string[] RuleKeys = ["id", "description", "regex", "secretGroup", "entropy", "keywords", "path", "tags"];
    private static readonly string[] AllowlistKeys = ["description", "regexes", "regexTarget", "stopwords", "condition", "paths", "commits"];

    public static RuleFileSpec Read(string fileName, string text)
    {
        string? title = null;
        var global = new List<AllowlistSpec>();
        var rules = new List<(TomlTable Table, List<AllowlistSpec> Allowlists)>();
        foreach (var table in new TomlSubsetReader(fileName, text).Read())
        {
            switch (table.Name, table.IsArrayElement)
            {
                case ("", false):
                    title = new Fields(fileName, table, RootKeys).OptionalString("title");
                    break;
                case ("allowlist", false) or ("allowlists", true):
                    global.Add(ReadAllowlist(fileName, table));
                    break;
                case ("rules", true):
                    rules.Add((table, []));
                    break;
                case ("rules.allowlist", false) or ("rules.allowlists", true):
                    if (rules.Count == 0)
                    {
                        throw new SecretRuleFileException(fileName, table.Line, $"{table.Name} before any [[rules]]");
                    }

                    rules[^1].Allowlists.Add(ReadAllowlist(fileName, table));
                    break;
                default:
                    throw new SecretRuleFileException(fileName, table.Line, $"unknown table '{table.Name}'");
            }
        }

        return new RuleFileSpec(fileName, title, global, [.. rules.Select(r => ReadRule(fileName, r.Table, r.Allowlists))]);
    }

    private static RuleSpec ReadRule(string fileName, TomlTable table, List<AllowlistSpec> allowlists)
    {
        var fields = new Fields(fileName, table, RuleKeys);
        var id = fields.OptionalString("id") ?? throw new SecretRuleFileException(fileName, table.Line, "rule without an id");
        var regex = fields.OptionalString("regex");
        if (regex is null && fields.OptionalString("path") is null)
        {
            throw new SecretRuleFileException(fileName, table.Line, $"rule '{id}' has neither regex nor path");
        }

        var secretGroup = fields.OptionalNumber("secretGroup") ?? 0;
        if (secretGroup < 0 || secretGroup != Math.Floor(secretGroup))
        {
            throw new SecretRuleFileException(fileName, table.Line, $"rule '{id}': secretGroup must be a whole number >= 0");
        }

        fields.OptionalStrings("tags");
        return new RuleSpec(
            id,
            fields.OptionalString("description") ?? "",
            regex,
            (int)secretGroup,
            fields.OptionalNumber("entropy"),
            [.. fields.OptionalStrings("keywords").Select(k => k.ToLowerInvariant())],
            allowlists,
            table.Line);
    }

    private static AllowlistSpec ReadAllowlist(string fileName, TomlTable table)
    {
        var fields = new Fields(fileName, table, AllowlistKeys);
        fields.OptionalString("description");
        var target = fields.OptionalString("regexTarget") ?? "secret";
        if (target is not ("secret" or "match" or "line"))
        {
            throw new SecretRuleFileException(fileName, table.Line, $"regexTarget must be secret, match or line, not '{target}'");
        }

        var condition = (fields.OptionalString("condition") ?? "OR").ToUpperInvariant();
        if (condition is not ("OR" or "AND"))
        {
            throw new SecretRuleFileException(fileName, table.Line, $"condition must be OR or AND, not '{condition}'");
        }

        var needsFile = fields.OptionalStrings("paths").Count > 0 | fields.OptionalStrings("commits").Count > 0;
        return new AllowlistSpec(
            fields.OptionalStrings("regexes"),
            target,
            [.. fields.OptionalStrings("stopwords").Select(w => w.ToLowerInvariant())],
            condition == "AND",
            needsFile,
            table.Line);
    }

    /// <summary>Typed access to a table's entries; construction fails on the first key not in <c>allowed</c>.</summary>
    private sealed class Fields
    {
        private readonly string _fileName;
        private readonly Dictionary<string, TomlEntry> _entries;

        public Fields(string fileName, TomlTable table, string[] allowed)
        {
            _fileName = fileName;
            _entries = table.Entries.ToDictionary(e => e.Key, StringComparer.Ordinal);
            var unknown = table.Entries.FirstOrDefault(e => !allowed.Contains(e.Key, StringComparer.Ordinal));
            if (unknown is not null)
            {
                var where = table.Name.Length == 0 ? "the top level" : table.IsArrayElement ? $"[[{table.Name}]]" : $"[{table.Name}]";
                throw new SecretRuleFileException(fileName, unknown.Line, $"unknown key '{unknown.Key}' in {where}");
            }
        }

        public string? OptionalString(string key) => _entries.TryGetValue(key, out var entry)
            ? entry.Value as TomlString is { } s ? s.Value : throw WrongType(entry, "a string")
            : null;

        public double? OptionalNumber(string key) => _entries.TryGetValue(key, out var entry)
            ? entry.Value as TomlNumber is { } n ? n.Value : throw WrongType(entry, "a number")
            : null;

        public IReadOnlyList<string> OptionalStrings(string key)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return [];
            }

            return entry.Value is TomlArray array && array.Items.All(i => i is TomlString)
                ? [.. array.Items.Cast<TomlString>().Select(s => s.Value)]
                : throw WrongType(entry, "an array of strings");
        }

        private SecretRuleFileException WrongType(TomlEntry entry, string expected) =>
            new(_fileName, entry.Line, $"'{entry.Key}' must be {expected}");
    }
}
