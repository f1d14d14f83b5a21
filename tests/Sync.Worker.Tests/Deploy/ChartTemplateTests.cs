using System.Text.Json.Nodes;
using Sync.Worker.Configuration;

namespace Sync.Worker.Tests.Deploy;

/// <summary>The chart's templates, checked as text and as template structure (no helm binary renders them here).</summary>
public sealed class ChartTemplateTests
{
    public static TheoryData<string> Templates() => [.. ChartFiles.TemplatePaths().Select(p => Path.GetFileName(p))];

    [Fact]
    public void Chart_HasTheExpectedTemplates()
    {
        var names = ChartFiles.TemplatePaths().Select(Path.GetFileName);

        Assert.Superset(
            new HashSet<string?> { "_helpers.tpl", "deployment.yaml", "service.yaml", "ingress.yaml", "configmap.yaml", "NOTES.txt", "serviceaccount.yaml", "pdb.yaml", "pvc.yaml" },
            names.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_HasBalancedActionsAndBlocks(string name)
    {
        var actions = TemplateActions.Parse(ChartFiles.Read("templates", name));

        Assert.Empty(TemplateActions.BlockProblems(actions));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_ReadsOnlyValuesThatValuesYamlDefines(string name)
    {
        var values = ChartFiles.DefaultValues();

        var missing = TemplateActions.ValuesPaths(ChartFiles.Read("templates", name)).Where(path => !Defines(values, path));

        Assert.Empty(missing);
    }

    [Fact]
    public void Deployment_FailsForSeveralReplicasWithoutPostgres()
    {
        var actions = TemplateActions.Parse(ChartFiles.Read("templates", "deployment.yaml"));

        var guard = actions.Select((a, i) => (Action: a, Index: i)).Single(a =>
            a.Action.Keyword == "if"
            && a.Action.Text.Contains("gt (int .Values.replicaCount) 1", StringComparison.Ordinal)
            && a.Action.Text.Contains("not .Values.postgresql.existingSecret", StringComparison.Ordinal));
        var body = actions[guard.Index + 1];

        Assert.Equal("fail", body.Keyword);
        Assert.Contains("more than one replica requires PostgreSQL", body.Text, StringComparison.Ordinal);
        Assert.Contains("postgresql.existingSecret", body.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deployment_AppliesBothSecurityContexts()
    {
        var lines = ChartFiles.Read("templates", "deployment.yaml").Split('\n');

        Assert.Contains(lines, l => l.Trim() == "{{- toYaml .Values.podSecurityContext | nindent 8 }}");
        Assert.Contains(lines, l => l.Trim() == "{{- toYaml .Values.securityContext | nindent 12 }}");
        Assert.Equal("securityContext:", lines[Array.FindIndex(lines, l => l.Contains(".Values.podSecurityContext", StringComparison.Ordinal)) - 1].Trim());
        Assert.Equal("securityContext:", lines[Array.FindIndex(lines, l => l.Contains(".Values.securityContext ", StringComparison.Ordinal)) - 1].Trim());
    }

    [Theory]
    [InlineData("livenessProbe:", "/healthz")]
    [InlineData("readinessProbe:", "/readyz")]
    [InlineData("startupProbe:", "/healthz")]
    public void Deployment_ProbesAskTheWorkersHealthEndpoints(string probe, string path)
    {
        var lines = ChartFiles.Read("templates", "deployment.yaml").Split('\n').Select(l => l.Trim()).ToList();
        var start = lines.IndexOf(probe);

        Assert.True(start >= 0, $"{probe} missing");
        Assert.Equal("httpGet:", lines[start + 1]);
        Assert.Equal($"path: {path}", lines[start + 2]);
        Assert.Equal("port: http", lines[start + 3]);
        Assert.Contains("containerPort: 8080", lines);
    }

    [Fact]
    public void Deployment_MountsTheConfigWhereAspNetCoreLoadsIt()
    {
        var deployment = ChartFiles.Read("templates", "deployment.yaml");

        // The image's working directory is the content root; appsettings.{Environment}.json is read from there.
        Assert.Contains("mountPath: /app/appsettings.Production.json", deployment, StringComparison.Ordinal);
        Assert.Contains("subPath: appsettings.Production.json", deployment, StringComparison.Ordinal);
        Assert.Contains("appsettings.Production.json: |", ChartFiles.Read("templates", "configmap.yaml"), StringComparison.Ordinal);
        Assert.Contains("name: ASPNETCORE_ENVIRONMENT\n              value: Production", deployment, StringComparison.Ordinal);
        Assert.Contains("mountPath: /tmp", deployment, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_BecomeTheWorkersConfigurationKeys()
    {
        var helpers = ChartFiles.Read("templates", "_helpers.tpl");

        Assert.Contains("- name: IssueSync__Trackers__{{ .name }}__Token", helpers, StringComparison.Ordinal);
        Assert.Contains("- name: IssueSync__Dashboard__Users__{{ $i }}__Name", helpers, StringComparison.Ordinal);
        Assert.Contains("- name: IssueSync__Dashboard__Users__{{ $i }}__PasswordHash", helpers, StringComparison.Ordinal);
        Assert.Contains("- name: IssueSync__Webhooks__GitLabSecret", helpers, StringComparison.Ordinal);
        Assert.Contains("- name: IssueSync__Webhooks__GitHubSecret", helpers, StringComparison.Ordinal);
        Assert.Contains($"- name: {IssueSyncOptionsValidator.ConnectionStringKey.Replace(":", "__", StringComparison.Ordinal)}", helpers, StringComparison.Ordinal);
        Assert.Contains("secretKeyRef:", helpers, StringComparison.Ordinal);
        Assert.DoesNotContain("Token", ChartFiles.Read("templates", "configmap.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Ingress_RoutesTheDashboardWebhooksAndRoadmapToTheService()
    {
        var hosts = ChartFiles.DefaultValues()!["ingress"]!["hosts"]!.AsArray();
        var paths = hosts.SelectMany(h => h!["paths"]!.AsArray()).Select(p => (string?)p!["path"]).ToList();

        Assert.Equal(["/hangfire", "/webhooks", "/direction", "/direction.json", "/audit.json"], paths);
        Assert.Contains("number: {{ $port }}", ChartFiles.Read("templates", "ingress.yaml"), StringComparison.Ordinal);
        Assert.Contains("targetPort: http", ChartFiles.Read("templates", "service.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_ScrapeAnnotationsPointAtTheContainerPort()
    {
        var deployment = ChartFiles.Read("templates", "deployment.yaml");

        Assert.Contains("prometheus.io/scrape: \"true\"", deployment, StringComparison.Ordinal);
        Assert.Contains("prometheus.io/port: \"8080\"", deployment, StringComparison.Ordinal);
        Assert.Contains("prometheus.io/path: {{ .Values.metrics.path | quote }}", deployment, StringComparison.Ordinal);
        Assert.Equal("/metrics", (string?)ChartFiles.DefaultValues()!["metrics"]!["path"]);
    }

    [Theory]
    [InlineData("{{ if .x }}a", "'if' is never closed")]
    [InlineData("{{- range .x }}{{ end }}{{ end }}", "'end' without a block")]
    [InlineData("{{ else }}", "'else' outside a block")]
    public void BlockChecker_FindsUnbalancedBlocks(string template, string problem)
    {
        var problems = TemplateActions.BlockProblems(TemplateActions.Parse(template));

        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a {{ .Values.x b")]
    [InlineData("a }} b")]
    [InlineData("{{ .a {{ .b }}")]
    public void ActionParser_RejectsUnbalancedDelimiters(string template)
    {
        Assert.Throws<FormatException>(() => TemplateActions.Parse(template));
    }

    [Fact]
    public void ValuesChecker_FindsAPathValuesYamlLacks()
    {
        var values = ChartFiles.DefaultValues();

        var paths = TemplateActions.ValuesPaths("{{ .Values.image.repository }} {{ .Values.image.digest }}");

        Assert.Equal(["image.repository", "image.digest"], paths);
        Assert.True(Defines(values, paths[0]));
        Assert.False(Defines(values, paths[1]));
    }

    private static bool Defines(JsonNode? values, string path)
    {
        var node = values;
        foreach (var segment in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.ContainsKey(segment))
            {
                return false;
            }

            node = obj[segment];
        }

        return true;
    }
}
