using System.Globalization;

namespace Sync.Demo;

/// <summary>
/// The demo's own switches (the sandbox's port and size); everything else goes to the worker unchanged.
/// <c>--sandbox</c>, which started the demo when it lived inside the worker, is accepted and ignored.
/// </summary>
internal sealed record DemoCommandLine(int SandboxPort, int SandboxIssues, bool Help, IReadOnlyList<string> WorkerArgs)
{
    /// <summary>
    /// Whether the dev tracker refuses one demo move once (<see cref="Sync.Sandbox.SandboxDemoIssues.FailingMoveFault"/>), so
    /// the dashboard shows a failed move a maintainer can retry. Service mode only: a <c>--once</c> run has nobody to retry it.
    /// </summary>
    public bool FailedMove { get; init; } = true;

    public const int DefaultSandboxPort = 5081;
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public const string Usage = """
        Usage: Sync.Demo [--sandbox-port N] [--sandbox-issues N] [worker switches and configuration...]
          (dotnet run --project src/Sync.Demo -- [switches...])

        Starts the sandbox trackers (emulated GitLab and GitHub) on loopback and runs the worker against them with a
        built-in configuration; dashboard at http://127.0.0.1:5080/hangfire unless --urls says otherwise.

          --sandbox-port N     port of the sandbox trackers (default 5081, 0 = any free port)
          --sandbox-issues N   also generate an acme/bulk project with N issues on each sandbox tracker
          --sandbox-failed-move on|off
                               in service mode, the dev tracker refuses one demo move once so the dashboard shows
                               a failed move to retry (default on; never with --once)
          --sandbox            accepted and ignored (the demo always runs against the sandbox)

        The worker's switches (--once, --dry-run, --summary-json, configuration) work here too:
        """;

    /// <summary>Takes the demo's switches out of <paramref name="args"/>; returns an error line for misuse.</summary>
    public static DemoCommandLine Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        int port = DefaultSandboxPort, issues = 0;
        var help = false;
        var failedMove = true;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var (name, inline) = arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            switch (name)
            {
                case "--sandbox": break;
                case "--sandbox-port":
                    port = ParseInt(inline ?? Next(args, ref i, name, ref error), name, 0, 65535, ref error);
                    break;
                case "--sandbox-issues":
                    issues = ParseInt(inline ?? Next(args, ref i, name, ref error), name, 0, 1_000_000, ref error);
                    break;
                case "--sandbox-failed-move":
                    failedMove = ParseSwitch(inline ?? Next(args, ref i, name, ref error), name, ref error);
                    break;
                case "--help" or "-h" or "-?":
                    help = true;
                    break;
                default: rest.Add(arg); break;
            }
        }

        return new DemoCommandLine(port, issues, help, rest) { FailedMove = failedMove };
    }

    private static string? Next(IReadOnlyList<string> args, ref int i, string name, ref string? error)
    {
        if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            return args[++i];
        }

        error ??= $"{name} needs a value";
        return null;
    }

    private static bool ParseSwitch(string? text, string name, ref string? error)
    {
        switch (text)
        {
            case null: return true;
            case "on" or "true": return true;
            case "off" or "false": return false;
            default:
                error ??= $"{name}: '{text}' is neither on nor off";
                return true;
        }
    }

    private static int ParseInt(string? text, string name, int min, int max, ref string? error)
    {
        if (text is null)
        {
            return 0;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        error ??= $"{name}: '{text}' is not a whole number from {min} to {max}";
        return 0;
    }
}
