using System.Text.Json.Nodes;

namespace Sync.Sandbox.GitLab.GraphQl;

/// <summary>How a field is declared in GitLab's schema, as far as validation and complexity need it.</summary>
/// <param name="Type">The type the field returns (for a connection: the node type), or null for a scalar.</param>
/// <param name="Connection">Returns <c>&lt;Type&gt;Connection</c> (paged with first/after).</param>
/// <param name="Resolver">Declared with a resolver class, so <c>Types::BaseField#field_resolver_complexity</c> applies.</param>
/// <param name="Served">The sandbox answers it (a real field the sandbox does not serve is refused, never faked).</param>
internal sealed record GqlFieldDef(string? Type, string[] Args, bool Connection = false, bool Resolver = false, bool Served = true);

/// <summary>
/// The part of GitLab's GraphQL schema the sandbox serves (names and types checked against
/// <c>doc/api/graphql/reference/_index.md</c> and <c>app/graphql/types/</c> of gitlabhq), and GitLab's query limits:
/// page size 100 (<c>default_max_page_size 100</c>) and complexity 250 for an authenticated request
/// (<c>AUTHENTICATED_MAX_COMPLEXITY</c>, both in <c>app/graphql/gitlab_schema.rb</c>). <c>AwardEmoji</c> has no
/// <c>id</c> and no <c>createdAt</c> (<c>app/graphql/types/award_emojis/award_emoji_type.rb</c>).
/// </summary>
internal static class GitLabGqlSchema
{
    public const int MaxPageSize = 100;
    public const int MaxComplexity = 250;

    private static readonly string[] Paging = ["first", "after", "last", "before"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, GqlFieldDef>> Types = new Dictionary<string, IReadOnlyDictionary<string, GqlFieldDef>>
    {
        ["Query"] = Fields(("project", new GqlFieldDef("Project", ["fullPath"], Resolver: true))),
        ["Project"] = Fields(
            ("id", new GqlFieldDef(null, [])),
            ("fullPath", new GqlFieldDef(null, [])),
            ("issues", new GqlFieldDef("Issue", [.. Paging, "state", "iids", "iid", "sort", "search", "labelName"], Connection: true, Resolver: true))),
        ["Issue"] = Fields(
            ("id", new GqlFieldDef(null, [])),
            ("iid", new GqlFieldDef(null, [])),
            ("title", new GqlFieldDef(null, [])),
            ("state", new GqlFieldDef(null, [])),
            ("createdAt", new GqlFieldDef(null, [])),
            ("updatedAt", new GqlFieldDef(null, [])),
            // Resolver fields (Resolvers::UpVotesCountResolver / DownVotesCountResolver): BaseResolver's complexity 1.
            ("upvotes", new GqlFieldDef(null, [], Resolver: true)),
            ("downvotes", new GqlFieldDef(null, [], Resolver: true)),
            ("author", new GqlFieldDef("UserCore", [])),
            ("awardEmoji", new GqlFieldDef("AwardEmoji", Paging, Connection: true)),
            ("notes", new GqlFieldDef("Note", Paging, Connection: true))),
        ["Note"] = Fields(
            ("id", new GqlFieldDef(null, [])),
            ("body", new GqlFieldDef(null, [])),
            ("system", new GqlFieldDef(null, [])),
            ("internal", new GqlFieldDef(null, [])),
            ("createdAt", new GqlFieldDef(null, [])),
            ("author", new GqlFieldDef("UserCore", [])),
            ("awardEmoji", new GqlFieldDef("AwardEmoji", Paging, Connection: true))),
        ["AwardEmoji"] = Fields(
            ("name", new GqlFieldDef(null, [])),
            ("description", new GqlFieldDef(null, [])),
            ("emoji", new GqlFieldDef(null, [])),
            ("unicode", new GqlFieldDef(null, [])),
            ("unicodeVersion", new GqlFieldDef(null, [])),
            ("user", new GqlFieldDef("UserCore", []))),
        ["UserCore"] = Fields(
            ("id", new GqlFieldDef(null, [])),
            ("username", new GqlFieldDef(null, [])),
            ("name", new GqlFieldDef(null, []))),
        ["PageInfo"] = Fields(
            ("hasNextPage", new GqlFieldDef(null, [])),
            ("hasPreviousPage", new GqlFieldDef(null, [])),
            ("startCursor", new GqlFieldDef(null, [])),
            ("endCursor", new GqlFieldDef(null, []))),
    };

    /// <summary>
    /// The fields of <c>XConnection</c>. Only types that opt into <c>Types::CountableConnectionType</c> have <c>count</c>:
    /// <c>IssueConnection</c> does, <c>AwardEmojiConnection</c> does not. Edges are real but not served.
    /// </summary>
    public static IReadOnlyDictionary<string, GqlFieldDef> ConnectionFields(string nodeType)
    {
        var fields = Fields(
            ("pageInfo", new GqlFieldDef("PageInfo", [])),
            ("nodes", new GqlFieldDef(nodeType, [])),
            ("edges", new GqlFieldDef(nodeType, [], Served: false)));
        if (nodeType == "Issue")
        {
            fields["count"] = new GqlFieldDef(null, []);
        }

        return fields;
    }

    /// <summary>Checks every field against the schema: unknown fields and arguments are errors, as on GitLab.</summary>
    public static void Validate(IReadOnlyList<GqlField> selections, string typeName, IReadOnlyDictionary<string, GqlFieldDef> fields)
    {
        foreach (var field in selections)
        {
            if (!fields.TryGetValue(field.Name, out var def))
            {
                throw new GqlException($"Field '{field.Name}' doesn't exist on type '{typeName}'", field.Line, field.Column);
            }

            if (!def.Served)
            {
                throw new GqlException($"Field '{field.Name}' on type '{typeName}' is real but not served by the sandbox", field.Line, field.Column);
            }

            if (field.Args.Keys.FirstOrDefault(a => !def.Args.Contains(a)) is { } unknown)
            {
                throw new GqlException($"Field '{field.Name}' doesn't accept argument '{unknown}'", field.Line, field.Column);
            }

            if (def.Type is null && field.HasSelections)
            {
                throw new GqlException($"Selections can't be made on scalars (field '{field.Name}' returns a scalar but has selections)", field.Line, field.Column);
            }

            if (def.Type is not null && !field.HasSelections)
            {
                throw new GqlException($"Field must have selections (field '{field.Name}' returns {def.Type} but has no selections)", field.Line, field.Column);
            }

            if (def.Type is { } type)
            {
                var (childName, childFields) = def.Connection ? (type + "Connection", ConnectionFields(type)) : (type, Types[type]);
                Validate(field.Selections, childName, childFields);
            }
        }
    }

    /// <summary>
    /// GitLab's query complexity, as its vendored graphql-ruby (<c>vendor/gems/graphql/lib/graphql/schema/field.rb</c>,
    /// <c>calculate_complexity</c>) and <c>app/graphql/types/base_field.rb</c> compute it: every field costs 1 plus its
    /// children. A connection field counts its <c>pageInfo</c>/<c>count</c>/<c>nodes</c> selections once (1 each, plus
    /// one per sub-field of <c>pageInfo</c>) and everything under <c>nodes</c> once per item of the page (the larger of
    /// <c>first</c> and <c>last</c>, else the 100 default). A field with a resolver then adds the resolver's complexity (1, +1 with <c>sort</c>, +5
    /// with <c>search</c>, +2 with <c>labelName</c>; <c>app/graphql/resolvers/base_resolver.rb</c>,
    /// <c>issues_resolver.rb</c>) and, for a connection, 1% per item of the page (none when <c>iids</c>/<c>iid</c>
    /// is given), rounded down.
    /// </summary>
    public static int Complexity(IReadOnlyList<GqlField> selections, IReadOnlyDictionary<string, GqlFieldDef> fields) =>
        selections.Sum(f => FieldComplexity(f, fields[f.Name]));

    private static int FieldComplexity(GqlField field, GqlFieldDef def)
    {
        var childFields = def.Type is null ? null : def.Connection ? ConnectionFields(def.Type) : Types[def.Type];
        var child = childFields is null ? 0 : Complexity(field.Selections, childFields);
        if (!def.Connection)
        {
            return def.Resolver ? child + ResolverComplexity(field) : 1 + child;
        }

        var pageSize = (int)Math.Min(int.MaxValue, Math.Max(Number(field, "first") ?? 0, Number(field, "last") ?? 0));
        if (pageSize == 0 && Number(field, "first") is null && Number(field, "last") is null)
        {
            pageSize = MaxPageSize;
        }

        var metadata = field.Selections.Sum(s => 1 + (s.Name is "nodes" or "edges" ? 0 : s.Selections.Count));
        var subfields = (pageSize * (child - metadata)) + metadata;
        if (!def.Resolver)
        {
            return 1 + subfields;
        }

        double complexity = subfields + ResolverComplexity(field);
        var limit = Math.Min(Math.Min(Number(field, "first") ?? MaxPageSize, Number(field, "last") ?? MaxPageSize), MaxPageSize);
        var multiplier = Present(field, "iids") || Present(field, "iid") ? 0 : 0.01;
        complexity += complexity * limit * multiplier;
        return (int)complexity;
    }

    private static int ResolverComplexity(GqlField field)
    {
        var complexity = 1;
        complexity += Present(field, "sort") ? 1 : 0;
        complexity += Present(field, "search") ? 5 : 0;
        complexity += Present(field, "labelName") ? 2 : 0;
        return complexity;
    }

    private static bool Present(GqlField field, string name) => field.Args.TryGetValue(name, out var value) && value is not null;

    public static long? Number(GqlField field, string name) =>
        field.Args.TryGetValue(name, out var value) && value is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    private static Dictionary<string, GqlFieldDef> Fields(params (string Name, GqlFieldDef Def)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Def, StringComparer.Ordinal);
}
