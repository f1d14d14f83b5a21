using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sync.Worker.Tests.Deploy;

/// <summary>The deployment files of the repository (Dockerfile, Helm chart), found from the test binary upwards.</summary>
internal static class ChartFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ChartDir => Path.Combine(RepoRoot, "deploy", "helm", "issuesync");

    public static string TemplatesDir => Path.Combine(ChartDir, "templates");

    public static string Read(params string[] relativeToChart) => File.ReadAllText(Path.Combine([ChartDir, .. relativeToChart]));

    /// <summary>Every template Helm renders or includes: *.yaml, _helpers.tpl and NOTES.txt.</summary>
    public static IReadOnlyList<string> TemplatePaths() =>
        [.. Directory.GetFiles(TemplatesDir).Where(p => p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".tpl", StringComparison.Ordinal) || p.EndsWith(".txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static JsonNode? Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = stream.Documents.Count == 0 ? null : ToJson(stream.Documents[0].RootNode);
        // Round-trip through text so every value is JsonElement-backed, like a parsed schema.
        return root is null ? null : JsonNode.Parse(root.ToJsonString());
    }

    public static JsonNode? DefaultValues() => Yaml(Read("values.yaml"));

    /// <summary>Helm's merge of a values file over the defaults: maps merge key by key, anything else replaces.</summary>
    public static JsonNode? Merge(JsonNode? defaults, JsonNode? overlay)
    {
        if (defaults is JsonObject baseObject && overlay is JsonObject overlayObject)
        {
            var merged = (JsonObject)baseObject.DeepClone();
            foreach (var (key, value) in overlayObject)
            {
                merged[key] = Merge(merged[key], value?.DeepClone());
            }

            return merged;
        }

        return overlay?.DeepClone();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException($"YAML node {node.NodeType} at {node.Start}"),
    };

    /// <summary>YAML 1.2 core schema resolution of plain scalars; quoted scalars are always strings.</summary>
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && text.Any(char.IsDigit) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IssueSync.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"IssueSync.sln not found above {AppContext.BaseDirectory}");
    }
}
