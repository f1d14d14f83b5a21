using System.Runtime.InteropServices;
using Sync.Sandbox.Hosting;

namespace Sync.Sandbox;

/// <summary>Standalone sandbox: dotnet run --project src/Sync.Sandbox -- [--port 5081] [--issues 10000] [--seed 42] [--no-limits].</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (SandboxCommandLine.Parse(args) is not { } options)
        {
            await Console.Error.WriteLineAsync(SandboxCommandLine.Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        await using var server = await SandboxServer.StartAsync(options, stop.Token);
        SandboxCommandLine.PrintBanner(server, options);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: fall through to dispose the server.
        }

        return 0;
    }
}
