namespace Sync.Sandbox.GitLab.QuickActions;

/// <summary>One GitLab quick action: its name, its aliases and, for a substitution, the text it appends.</summary>
internal sealed record QuickActionDefinition(string Name, IReadOnlyList<string> Aliases, string? Substitution)
{
    public IEnumerable<string> AllNames => [Name, .. Aliases];
}

/// <summary>
/// The quick action names GitLab knows, read from quick-action-names.txt. Rules are data: the list, its source
/// and its licence live in that file, not in code.
/// </summary>
internal static class QuickActionCatalog
{
    private const string Resource = "Sync.Sandbox.GitLab.QuickActions.quick-action-names.txt";

    public static IReadOnlyList<QuickActionDefinition> All { get; } = Load();

    /// <summary>Every name and alias of the commands that are extracted (and removed from the text).</summary>
    public static IReadOnlyList<string> CommandNames { get; } = [.. All.Where(d => d.Substitution is null).SelectMany(d => d.AllNames)];

    public static IReadOnlyList<QuickActionDefinition> Substitutions { get; } = [.. All.Where(d => d.Substitution is not null)];

    /// <summary>As GitLab's definition_by_name: an exact (already lower-cased) name or alias, or null.</summary>
    public static QuickActionDefinition? Find(string name) => All.FirstOrDefault(d => d.AllNames.Contains(name, StringComparer.Ordinal));

    private static List<QuickActionDefinition> Load()
    {
        using var stream = typeof(QuickActionCatalog).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing.");
        using var reader = new StreamReader(stream);
        var definitions = new List<QuickActionDefinition>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var (names, substitution) = line.IndexOf(" = ", StringComparison.Ordinal) is var at and >= 0
                ? (line[..at], line[(at + 3)..])
                : (line, null);
            var parts = names.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            definitions.Add(new QuickActionDefinition(parts[0], parts[1..], substitution));
        }

        return definitions;
    }
}
