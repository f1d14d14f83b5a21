using System.Text.Json.Nodes;

namespace Sync.Worker.Tests.Deploy;

/// <summary>Chart.yaml, values.yaml and values.schema.json: they parse, and the schema accepts the defaults and rejects mistakes.</summary>
public sealed class ChartValuesTests
{
    private static JsonObject Schema() => JsonNode.Parse(ChartFiles.Read("values.schema.json"))!.AsObject();

    private static JsonNode Defaults() => ChartFiles.DefaultValues()!;

    [Fact]
    public void ChartYaml_HasTheRequiredFields()
    {
        var chart = ChartFiles.Yaml(ChartFiles.Read("Chart.yaml"))!;

        Assert.Equal("v2", (string?)chart["apiVersion"]);
        Assert.Equal("issuesync", (string?)chart["name"]);
        Assert.Equal("0.1.0", (string?)chart["version"]);
        Assert.Equal("application", (string?)chart["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)chart["appVersion"]));
    }

    [Fact]
    public void ValuesYaml_ParsesToAMapping()
    {
        var values = Assert.IsType<JsonObject>(Defaults());

        Assert.Equal(1, (int?)values["replicaCount"]);
        Assert.Equal(80, (int?)values["service"]!["port"]);
    }

    [Fact]
    public void Schema_IsADraft07SchemaUsingOnlyTheValidatedKeywords()
    {
        var schema = Schema();

        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)schema["$schema"]);
        Assert.Equal("object", (string?)schema["type"]);
        Assert.False((bool?)schema["additionalProperties"]);
        Assert.Empty(SchemaShapeProblems(schema, "$"));
    }

    [Fact]
    public void Schema_AcceptsTheDefaultValues()
    {
        Assert.Empty(SchemaSubset.Validate(Defaults(), Schema()));
    }

    [Theory]
    [InlineData("sqlite-values.yaml")]
    [InlineData("postgres-values.yaml")]
    public void Schema_AcceptsTheExampleValues(string file)
    {
        var values = ChartFiles.Merge(Defaults(), ChartFiles.Yaml(ChartFiles.Read("ci", file)));

        Assert.Empty(SchemaSubset.Validate(values, Schema()));
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "negative replicas", "replicaCount: -1", "$.replicaCount: -1 is below the minimum 0" },
        { "replicas as text", "replicaCount: two", "$.replicaCount: \"two\" (string) is not of type \"integer\"" },
        { "unknown top-level key", "replicas: 2", "$: property 'replicas' is not allowed" },
        { "unknown nested key", "image:\n  name: issuesync", "$.image: property 'name' is not allowed" },
        { "wrong type", "service:\n  port: \"80\"", "$.service.port: \"80\" (string) is not of type \"integer\"" },
        { "port out of range", "service:\n  port: 70000", "$.service.port: 70000 is above the maximum 65535" },
        { "pull policy typo", "image:\n  pullPolicy: Sometimes", "$.image.pullPolicy: \"Sometimes\" is not one of" },
        { "tracker kind typo", "trackers:\n  - {name: dev, kind: Gitlab, apiUrl: https://gitlab.example.com/api/v4, tokenKey: dev-token}", "$.trackers[0].kind: \"Gitlab\" is not one of" },
        { "tracker without token key", "trackers:\n  - {name: dev, kind: GitLab, apiUrl: https://gitlab.example.com/api/v4}", "$.trackers[0]: required property 'tokenKey' is missing" },
        { "token in the ConfigMap", "config:\n  Trackers:\n    dev:\n      Token: glpat-secret", "$.config.Trackers.dev: property 'Token' is not allowed" },
        { "storage in the ConfigMap", "config:\n  Storage:\n    SqlitePath: /tmp/x.db", "$.config: property 'Storage' is not allowed" },
        { "relative mount path", "persistence:\n  mountPath: data", "$.persistence.mountPath: 'data' does not match" },
        { "ingress path type typo", "ingress:\n  hosts:\n    - host: a.example.com\n      paths:\n        - {path: /hangfire, pathType: prefix}", "$.ingress.hosts[0].paths[0].pathType: \"prefix\" is not one of" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Schema_RejectsBadValues(string because, string overlay, string expected)
    {
        var values = ChartFiles.Merge(Defaults(), ChartFiles.Yaml(overlay));

        var errors = SchemaSubset.Validate(values, Schema());

        Assert.True(errors.Any(e => e.StartsWith(expected, StringComparison.Ordinal)), $"{because}: expected '{expected}', got [{string.Join("; ", errors)}]");
    }

    [Fact]
    public void Values_CarryNoSecretDefaults()
    {
        var values = Defaults();

        Assert.Equal("", (string?)values["secrets"]!["existingSecret"]);
        Assert.Equal("", (string?)values["postgresql"]!["existingSecret"]);
        Assert.Empty(values["trackers"]!.AsArray());
        Assert.DoesNotContain("Token", values["config"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Values_HardenThePodByDefault()
    {
        var values = Defaults();
        var pod = values["podSecurityContext"]!;
        var container = values["securityContext"]!;

        Assert.True((bool?)pod["runAsNonRoot"]);
        Assert.Equal(1654, (int?)pod["runAsUser"]);
        Assert.Equal(1654, (int?)pod["fsGroup"]);
        Assert.Equal("RuntimeDefault", (string?)pod["seccompProfile"]!["type"]);
        Assert.True((bool?)container["readOnlyRootFilesystem"]);
        Assert.False((bool?)container["allowPrivilegeEscalation"]);
        Assert.Contains("ALL", container["capabilities"]!["drop"]!.AsArray().Select(c => (string?)c));
        Assert.NotNull(values["resources"]!["requests"]!["memory"]);
        Assert.NotNull(values["resources"]!["limits"]!["memory"]);
    }

    /// <summary>
    /// Every keyword is one the validator knows, required names exist, and an object schema with properties says
    /// whether others are allowed (only the Kubernetes security contexts pass unknown fields through).
    /// </summary>
    private static IEnumerable<string> SchemaShapeProblems(JsonObject schema, string at)
    {
        string[] passThrough = ["$.podSecurityContext", "$.securityContext"];
        foreach (var (keyword, _) in schema)
        {
            if (!SchemaSubset.Keywords.Contains(keyword))
            {
                yield return $"{at}: keyword '{keyword}' is not validated by the tests";
            }
        }

        if (schema["properties"] is JsonObject properties)
        {
            if (schema["additionalProperties"] is null && !passThrough.Contains(at))
            {
                yield return $"{at}: has properties but no additionalProperties";
            }

            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                if (!properties.ContainsKey((string)required!))
                {
                    yield return $"{at}: required '{required}' is not a property";
                }
            }

            foreach (var (name, child) in properties)
            {
                foreach (var problem in SchemaShapeProblems(child!.AsObject(), $"{at}.{name}"))
                {
                    yield return problem;
                }
            }
        }

        foreach (var nested in new[] { "items", "additionalProperties" })
        {
            if (schema[nested] is JsonObject child)
            {
                foreach (var problem in SchemaShapeProblems(child, $"{at}.{nested}"))
                {
                    yield return problem;
                }
            }
        }
    }
}
