namespace Sync.Core.Publishing.Secrets;

/// <summary>A value of the TOML subset used by gitleaks rule files.</summary>
internal abstract record TomlValue(int Line);

internal sealed record TomlString(string Value, int Line) : TomlValue(Line);

internal sealed record TomlNumber(double Value, int Line) : TomlValue(Line);

internal sealed record TomlBool(bool Value, int Line) : TomlValue(Line);

internal sealed record TomlArray(IReadOnlyList<TomlValue> Items, int Line) : TomlValue(Line);

internal sealed record TomlEntry(string Key, TomlValue Value, int Line);

/// <param name="Name">Dotted header name; empty for the keys before the first header.</param>
/// <param name="IsArrayElement">True for <c>[[name]]</c>, false for <c>[name]</c>.</param>
internal sealed record TomlTable(string Name, bool IsArrayElement, int Line, IReadOnlyList<TomlEntry> Entries);
