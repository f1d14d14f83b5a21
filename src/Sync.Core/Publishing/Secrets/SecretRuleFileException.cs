namespace Sync.Core.Publishing.Secrets;

/// <summary>A rule file that cannot be read or compiled; the message names the file and the line.</summary>
public sealed class SecretRuleFileException : FormatException
{
    public SecretRuleFileException(string fileName, int line, string problem)
        : base($"{fileName}:{line}: {problem}")
    {
        FileName = fileName;
        Line = line;
    }

    public SecretRuleFileException()
        : this("(unknown)", 0, "invalid rule file")
    {
    }

    public SecretRuleFileException(string message)
        : this("(unknown)", 0, message)
    {
    }

    public SecretRuleFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = "(unknown)";
    }

    public string FileName { get; }

    public int Line { get; }
}
