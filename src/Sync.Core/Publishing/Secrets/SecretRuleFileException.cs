namespace Sync.Core.Publishing.Secrets;

/// <summary>A rule file that cannot be read or compiled; the message names the file and the line.</summary>
public sealed class SecretRuleFileException(string fileName, int line, string problem)
    : FormatException($"{fileName}:{line}: {problem}")
{
    public string FileName { get; } = fileName;

    public int Line { get; } = line;
}
