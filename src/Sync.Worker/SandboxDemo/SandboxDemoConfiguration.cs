using System.Globalization;
using Sync.Sandbox;

namespace Sync.Worker.SandboxDemo;

/// <summary>
/// The built-in configuration of <c>--sandbox</c>: three emulated trackers and two products that exercise
/// GitLab→GitHub, GitHub→GitHub and GitLab→GitLab across instances.
/// </summary>
public static class SandboxDemoConfiguration
{
    /// <summary>Which sandbox instance plays each demo tracker.</summary>
    public static IReadOnlyDictionary<string, SandboxInstance> Trackers(SandboxServer sandbox) => new Dictionary<string, SandboxInstance>(StringComparer.Ordinal)
    {
        ["dev"] = sandbox.GitLabDev,
        ["gitlab"] = sandbox.GitLab,
        ["github"] = sandbox.GitHub,
    };

    public static Dictionary<string, string?> For(SandboxServer sandbox)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, instance) in Trackers(sandbox))
        {
            AddTracker(values, name, instance.Kind, instance);
        }

        AddProduct(values, "widget", "github:acme/widget", ["dev:acme/widget", "github:acme/widget-private"]);
        AddProduct(values, "gadget", "gitlab:acme/gadget", ["dev:acme/gadget-dev"]);
        return values;
    }

    private static void AddTracker(Dictionary<string, string?> values, string name, string kind, SandboxInstance instance)
    {
        var key = $"IssueSync:Trackers:{name}";
        values[$"{key}:Kind"] = kind;
        values[$"{key}:ApiUrl"] = instance.ApiUrl.ToString();
        values[$"{key}:Token"] = instance.Token;
    }

    private static void AddProduct(Dictionary<string, string?> values, string product, string publicProject, string[] sources)
    {
        var key = $"IssueSync:Products:{product}";
        values[$"{key}:Public"] = publicProject;
        for (var i = 0; i < sources.Length; i++)
        {
            values[string.Create(CultureInfo.InvariantCulture, $"{key}:Sources:{i}:Project")] = sources[i];
        }

        // Every two minutes, so a visitor of the dashboard sees the recurring jobs run.
        values[$"{key}:Schedule:Pipeline"] = "*/2 * * * *";
    }
}
