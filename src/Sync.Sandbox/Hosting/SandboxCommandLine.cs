using System.Globalization;

namespace Sync.Sandbox.Hosting;

internal static class SandboxCommandLine
{
    public const string Usage = "usage: Sync.Sandbox [--port 5081] [--issues 10000] [--seed 42] [--no-limits]";

    public static SandboxOptions? Parse(string[] args)
    {
        var options = new SandboxOptions { Port = 5081 };
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1;
            switch (args[i])
            {
                case "--port": options.Port = Next(); break;
                case "--issues": options.IssuesPerProject = Next(); break;
                case "--seed": options.RandomSeed = Next(); break;
                case "--no-limits": options.EnforceRateLimits = false; break;
                default: return null;
            }
        }

        return options.Port < 0 || options.IssuesPerProject < 0 ? null : options;
    }

    public static void PrintBanner(SandboxServer server, SandboxOptions options)
    {
        Console.WriteLine($"IssueSync sandbox listening on {server.BaseAddress}");
        foreach (var instance in server.Instances)
        {
            Console.WriteLine($"  {instance.Name,-11} {instance.Kind,-7} api {instance.ApiUrl}  token {instance.Token}");
        }

        Console.WriteLine($"  octokit     base {server.BaseAddress} (Octokit appends /api/v3/, served as an alias of github/api/v3/)");
        Console.WriteLine($"  stats       {server.BaseAddress}_sandbox/stats  (header X-Sandbox-Admin: {options.AdminToken})");
        Console.WriteLine($"  loaded in   {server.LoadTime.TotalMilliseconds:F0} ms ({options.IssuesPerProject} generated issues per instance)");
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
