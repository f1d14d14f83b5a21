using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Sync.Sandbox.GitLab.GraphQl;

/// <summary>One field of a selection set, its arguments (variables already substituted) and where it stood.</summary>
internal sealed record GqlField(string Name, IReadOnlyDictionary<string, JsonNode?> Args, IReadOnlyList<GqlField> Selections, int Line, int Column)
{
    public bool HasSelections => Selections.Count > 0;

    /// <summary>The alias the field was asked under (<c>d12: discussion(number: 12)</c>), where aliases are served.</summary>
    public string? Alias { get; init; }

    /// <summary>The key of the field in the answer: its alias, else its name.</summary>
    public string Key => Alias ?? Name;
}

/// <summary>A GraphQL syntax error, answered the way graphql-ruby words it ("Parse error on ... at [line, column]").</summary>
internal sealed class GqlException(string message, int line = 0, int column = 0) : Exception(message)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>
/// A parser for the subset of GraphQL that IssueSync sends: one <c>query</c> operation (named or anonymous) with
/// variable definitions, nested fields with arguments (variables, ints, strings, enums, lists). Fragments, aliases,
/// directives and mutations are refused with an error rather than ignored, so a client never gets an answer to a
/// question it did not ask.
/// </summary>
internal sealed class GqlDocument
{
    private readonly string _text;
    private readonly JsonObject _variables;
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private readonly bool _inlineFragments;
    private readonly bool _github;
    private int _pos;

    private GqlDocument(string text, JsonObject variables, bool inlineFragments, bool github = false) =>
        (_text, _variables, _inlineFragments, _github) = (text, variables, inlineFragments || github, github);

    /// <summary>Whether the document's one operation is a <c>mutation</c> (only <see cref="ParseGitHub"/> accepts them).</summary>
    public bool IsMutation { get; private set; }

    /// <summary>The name under which an inline fragment (<c>... on Type { }</c>) is kept; its type is the <c>on</c> argument.</summary>
    public const string InlineFragment = "...";

    /// <param name="inlineFragments">
    /// Accept inline fragments (kept as a <see cref="InlineFragment"/> field whose <c>on</c> argument names the type): the
    /// GitHub emulation needs them for unions; the GitLab one keeps refusing every fragment.
    /// </param>
    public static IReadOnlyList<GqlField> Parse(string text, JsonObject? variables, bool inlineFragments = false)
    {
        var doc = new GqlDocument(text, variables ?? [], inlineFragments);
        return doc.ParseOperation();
    }

    /// <summary>
    /// The GitHub emulation's reading: inline fragments, aliases (the aliased bulk reads GitHub clients send) and one
    /// <c>query</c> or <c>mutation</c> operation.
    /// </summary>
    public static (IReadOnlyList<GqlField> Fields, bool IsMutation) ParseGitHub(string text, JsonObject? variables)
    {
        var doc = new GqlDocument(text, variables ?? [], inlineFragments: true, github: true);
        var fields = doc.ParseOperation();
        return (fields, doc.IsMutation);
    }

    private List<GqlField> ParseOperation()
    {
        Skip();
        if (PeekName() is { } keyword)
        {
            if (keyword != "query" && !(_github && keyword == "mutation"))
            {
                throw Error($"Parse error on \"{keyword}\" (IDENTIFIER): the sandbox serves queries only");
            }

            IsMutation = keyword == "mutation";

            ReadName();
            Skip();
            if (PeekName() is not null)
            {
                ReadName();
            }

            Skip();
            if (Peek('('))
            {
                ParseVariableDefinitions();
            }
        }

        var selections = ParseSelectionSet();
        Skip();
        return _pos < _text.Length ? throw Error($"Parse error on \"{_text[_pos]}\": one operation per document") : selections;
    }

    private void ParseVariableDefinitions()
    {
        Expect('(');
        while (!TryTake(')'))
        {
            Expect('$');
            var name = ReadName();
            Expect(':');
            SkipType();
            _declared.Add(name);
            if (TryTake('='))
            {
                var fallback = ParseValue();
                _variables.TryAdd(name, fallback?.DeepClone());
            }
        }
    }

    private void SkipType()
    {
        if (TryTake('['))
        {
            SkipType();
            Expect(']');
        }
        else
        {
            ReadName();
        }

        TryTake('!');
    }

    private List<GqlField> ParseSelectionSet()
    {
        Expect('{');
        var fields = new List<GqlField>();
        while (!TryTake('}'))
        {
            Skip();
            if (_text.AsSpan(_pos).StartsWith("..."))
            {
                fields.Add(ParseInlineFragment());
                continue;
            }

            var (line, column) = Position();
            var name = ReadName();
            string? alias = null;
            if (TryTake(':'))
            {
                if (!_github)
                {
                    throw Error($"Aliases are not served by the sandbox (alias '{name}')");
                }

                alias = name;
                name = ReadName();
            }

            Skip();
            if (Peek('@'))
            {
                throw Error("Directives are not served by the sandbox");
            }

            var args = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            if (TryTake('('))
            {
                while (!TryTake(')'))
                {
                    var arg = ReadName();
                    Expect(':');
                    args[arg] = ParseValue();
                }
            }

            Skip();
            var selections = Peek('{') ? ParseSelectionSet() : [];
            fields.Add(new GqlField(name, args, selections, line, column) { Alias = alias });
        }

        return fields.Count == 0 ? throw Error("Parse error on \"}\" (RCURLY): empty selection set") : fields;
    }

    private GqlField ParseInlineFragment()
    {
        var (line, column) = Position();
        _pos += 3;
        if (!_inlineFragments || PeekName() != "on")
        {
            throw Error("Fragments are not served by the sandbox");
        }

        ReadName();
        var type = ReadName();
        var args = new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["on"] = JsonValue.Create(type) };
        return new GqlField(InlineFragment, args, ParseSelectionSet(), line, column);
    }

    private JsonNode? ParseValue()
    {
        Skip();
        if (TryTake('$'))
        {
            var name = ReadName();
            if (!_declared.Contains(name))
            {
                throw Error($"Variable ${name} is used but not declared");
            }

            return _variables[name]?.DeepClone();
        }

        if (_github && TryTake('{'))
        {
            // An input object (orderBy: { field: UPDATED_AT, direction: ASC }, input: { discussionId: $id }).
            var value = new JsonObject();
            while (!TryTake('}'))
            {
                var key = ReadName();
                Expect(':');
                value[key] = ParseValue();
            }

            return value;
        }

        if (TryTake('['))
        {
            var list = new JsonArray();
            while (!TryTake(']'))
            {
                list.Add(ParseValue());
            }

            return list;
        }

        if (Peek('"'))
        {
            return JsonValue.Create(ReadString());
        }

        if (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '-'))
        {
            var start = _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }

            return JsonValue.Create(long.Parse(_text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        var word = ReadName();
        return word switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" => null,
            _ => JsonValue.Create(word), // an enum value, kept as its name
        };
    }

    private string ReadString()
    {
        Expect('"');
        var text = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != '"')
        {
            var c = _text[_pos++];
            if (c == '\\' && _pos < _text.Length)
            {
                c = _text[_pos++] switch { 'n' => '\n', 't' => '\t', var other => other };
            }

            text.Append(c);
        }

        Expect('"');
        return text.ToString();
    }

    private string ReadName() =>
        PeekName() is { } name ? Advance(name) : throw Error($"Parse error on \"{(_pos < _text.Length ? _text[_pos].ToString() : "end of input")}\": a name was expected");

    private string Advance(string name)
    {
        _pos += name.Length;
        return name;
    }

    private string? PeekName()
    {
        Skip();
        var end = _pos;
        while (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_') && (end > _pos || !char.IsAsciiDigit(_text[end])))
        {
            end++;
        }

        return end > _pos ? _text[_pos..end] : null;
    }

    private bool Peek(char c)
    {
        Skip();
        return _pos < _text.Length && _text[_pos] == c;
    }

    private bool TryTake(char c)
    {
        if (!Peek(c))
        {
            return false;
        }

        _pos++;
        return true;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw Error($"Parse error on \"{(_pos < _text.Length ? _text[_pos].ToString() : "end of input")}\": expected \"{c}\"");
        }
    }

    // Commas are insignificant in GraphQL, like white space; '#' starts a comment.
    private void Skip()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (char.IsWhiteSpace(c) || c == ',' || c == '\uFEFF')
            {
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private (int Line, int Column) Position()
    {
        var before = _text.AsSpan(0, _pos);
        var line = before.Count('\n') + 1;
        var column = _pos - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    private GqlException Error(string message)
    {
        var (line, column) = Position();
        return new GqlException($"{message} at [{line}, {column}]", line, column);
    }
}
