using System.Globalization;
using System.Text;

namespace Sync.Core.Publishing.Secrets;

/// <summary>
/// Reads the TOML subset gitleaks rule files use: comments, <c>[table]</c> and <c>[[array]]</c> headers with dotted
/// bare names, <c>key = value</c> with literal (<c>'…'</c>, <c>'''…'''</c>) and basic (<c>"…"</c>) strings, numbers,
/// booleans and arrays over several lines with trailing commas. Anything else is an error naming the file and line,
/// so a rule can never be dropped silently because the reader misunderstood it.
/// </summary>
internal sealed class TomlSubsetReader(string fileName, string text)
{
    private int _position;
    private int _line = 1;

    public IReadOnlyList<TomlTable> Read()
    {
        var tables = new List<TomlTable>();
        var entries = new List<TomlEntry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var (name, isArray, headerLine) = ("", false, 1);
        while (true)
        {
            SkipTrivia(newlines: true);
            if (AtEnd)
            {
                break;
            }

            if (Peek() == '[')
            {
                tables.Add(new TomlTable(name, isArray, headerLine, entries));
                entries = [];
                keys = new HashSet<string>(StringComparer.Ordinal);
                headerLine = _line;
                (name, isArray) = ReadHeader();
            }
            else
            {
                var line = _line;
                var key = ReadKey();
                SkipTrivia(newlines: false);
                Expect('=');
                SkipTrivia(newlines: false);
                var value = ReadValue();
                if (!keys.Add(key))
                {
                    throw Error($"duplicate key '{key}'", line);
                }

                entries.Add(new TomlEntry(key, value, line));
            }

            ExpectEndOfLine();
        }

        tables.Add(new TomlTable(name, isArray, headerLine, entries));
        return tables;
    }

    private bool AtEnd => _position >= text.Length;

    private char Peek(int ahead = 0) => _position + ahead < text.Length ? text[_position + ahead] : '\0';

    private (string Name, bool IsArray) ReadHeader()
    {
        var isArray = Peek(1) == '[';
        _position += isArray ? 2 : 1;
        SkipTrivia(newlines: false);
        var parts = new List<string> { ReadKey() };
        while (Peek() == '.')
        {
            _position++;
            parts.Add(ReadKey());
        }

        SkipTrivia(newlines: false);
        Expect(']');
        if (isArray)
        {
            Expect(']');
        }

        return (string.Join('.', parts), isArray);
    }

    private string ReadKey()
    {
        var start = _position;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek()) || Peek() is '_' or '-'))
        {
            _position++;
        }

        return _position > start ? text[start.._position] : throw Error("expected a bare key");
    }

    private TomlValue ReadValue()
    {
        var line = _line;
        return Peek() switch
        {
            '\'' when Peek(1) == '\'' && Peek(2) == '\'' => new TomlString(ReadMultiLineLiteral(), line),
            '\'' => new TomlString(ReadLiteral(), line),
            '"' when Peek(1) == '"' && Peek(2) == '"' => throw Error("multi-line basic strings are not supported"),
            '"' => new TomlString(ReadBasic(), line),
            '[' => ReadArray(),
            't' or 'f' => new TomlBool(ReadBool(), line),
            '+' or '-' or (>= '0' and <= '9') => new TomlNumber(ReadNumber(), line),
            _ => throw Error($"expected a value but found {Describe()}"),
        };
    }

    private TomlArray ReadArray()
    {
        var line = _line;
        _position++;
        var items = new List<TomlValue>();
        while (true)
        {
            SkipTrivia(newlines: true);
            if (Peek() == ']')
            {
                _position++;
                return new TomlArray(items, line);
            }

            items.Add(ReadValue());
            SkipTrivia(newlines: true);
            if (Peek() == ',')
            {
                _position++;
            }
            else if (Peek() != ']')
            {
                throw Error("expected ',' or ']' in array");
            }
        }
    }

    private string ReadMultiLineLiteral()
    {
        _position += 3;
        // TOML trims a newline that immediately follows the opening delimiter.
        if (Peek() == '\n' || (Peek() == '\r' && Peek(1) == '\n'))
        {
            _position += Peek() == '\r' ? 2 : 1;
            _line++;
        }

        var end = text.IndexOf("'''", _position, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error("unterminated ''' string");
        }

        var value = text[_position..end];
        _line += value.Count(c => c == '\n');
        _position = end + 3;
        return value;
    }

    private string ReadLiteral()
    {
        var start = ++_position;
        while (!AtEnd && Peek() != '\'' && Peek() != '\n')
        {
            _position++;
        }

        if (Peek() != '\'')
        {
            throw Error("unterminated string");
        }

        _position++;
        return text[start..(_position - 1)];
    }

    private string ReadBasic()
    {
        _position++;
        var value = new StringBuilder();
        while (true)
        {
            var c = AtEnd ? '\n' : text[_position++];
            switch (c)
            {
                case '"':
                    return value.ToString();
                case '\n':
                    throw Error("unterminated string");
                case '\\':
                    value.Append(ReadEscape());
                    break;
                default:
                    value.Append(c);
                    break;
            }
        }
    }

    private string ReadEscape()
    {
        var c = AtEnd ? '\0' : text[_position++];
        return c switch
        {
            'b' => "\b",
            't' => "\t",
            'n' => "\n",
            'f' => "\f",
            'r' => "\r",
            '"' => "\"",
            '\\' => "\\",
            'u' => ReadCodePoint(4),
            'U' => ReadCodePoint(8),
            _ => throw Error($"unknown escape '\\{c}'"),
        };
    }

    private string ReadCodePoint(int digits)
    {
        if (_position + digits > text.Length
            || !int.TryParse(text.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || !Rune.IsValid(code))
        {
            throw Error("invalid unicode escape");
        }

        _position += digits;
        return char.ConvertFromUtf32(code);
    }

    private bool ReadBool()
    {
        foreach (var (word, value) in new[] { ("true", true), ("false", false) })
        {
            if (string.CompareOrdinal(text, _position, word, 0, word.Length) == 0)
            {
                _position += word.Length;
                return value;
            }
        }

        throw Error("expected true or false");
    }

    private double ReadNumber()
    {
        var start = _position;
        while (!AtEnd && (char.IsAsciiDigit(Peek()) || Peek() is '+' or '-' or '.' or '_' or 'e' or 'E'))
        {
            _position++;
        }

        var literal = text[start.._position].Replace("_", "", StringComparison.Ordinal);
        return double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error($"invalid number '{literal}'");
    }

    private void Expect(char expected)
    {
        if (Peek() != expected || AtEnd)
        {
            throw Error($"expected '{expected}' but found {Describe()}");
        }

        _position++;
    }

    private void ExpectEndOfLine()
    {
        SkipTrivia(newlines: false);
        if (!AtEnd && Peek() != '\n')
        {
            throw Error($"unexpected {Describe()} after the value");
        }
    }

    /// <summary>Skips spaces, tabs and comments, and line breaks too when <paramref name="newlines"/> is set.</summary>
    private void SkipTrivia(bool newlines)
    {
        while (!AtEnd)
        {
            var c = Peek();
            if (c is ' ' or '\t' or '\r')
            {
                _position++;
            }
            else if (c == '#')
            {
                while (!AtEnd && Peek() != '\n')
                {
                    _position++;
                }
            }
            else if (c == '\n' && newlines)
            {
                _position++;
                _line++;
            }
            else
            {
                return;
            }
        }
    }

    private string Describe() => AtEnd ? "the end of the file" : Peek() is '\n' or '\r' ? "the end of the line" : $"'{Peek()}'";

    private SecretRuleFileException Error(string problem, int? line = null) => new(fileName, line ?? _line, problem);
}
