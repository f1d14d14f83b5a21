using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Sync.Bench.Memory;

/// <summary>
/// A <c>dotnet &lt;dll&gt;</c> child of the bench: its output lines go to a handler, the last lines of its standard error
/// are kept for the failure message, and it is stopped by its own id (SIGTERM first, like Ctrl-C).
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errors = new();

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public Task Exited(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>The last lines the process wrote to standard error, for a failure message.</summary>
    public string LastErrors => string.Join(" | ", _errors.TakeLast(5));

    public static string BesideBench(string dll)
    {
        var path = Path.Combine(AppContext.BaseDirectory, dll);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{dll} is not built next to the bench ({path}); build bench/Sync.Bench first.", path);
    }

    public static ChildProcess Start(string dll, IEnumerable<string> arguments, string workingDirectory, Action<string> onOutput)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                onOutput(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && child._errors.Count < 200)
            {
                child._errors.Enqueue(line);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a line the output handler completes, failing when the process exits or the time runs out first.</summary>
    public async Task<T> FirstAsync<T>(Task<T> line, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exited = Exited(cancellationToken);
        var first = await Task.WhenAny(line, exited, Task.Delay(timeout, cancellationToken));
        if (first == line)
        {
            return await line;
        }

        throw new InvalidOperationException($"{what} did not start: {(exited.IsCompleted ? "it exited" : "timed out")}; {LastErrors}");
    }

    /// <summary>A <c>/proc/&lt;pid&gt;/status</c> field in MiB (the kernel reports kB).</summary>
    public double ReadMiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kb = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(kb, NumberStyles.None, CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        throw new InvalidOperationException($"/proc/{Id}/status has no {field}.");
    }

    /// <summary>SIGTERM (the host's graceful shutdown, like Ctrl-C), then a kill of this process tree only if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await StopAsync();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task StopAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var term = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
            if (term is not null)
            {
                await term.WaitForExitAsync(CancellationToken.None);
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }
}
