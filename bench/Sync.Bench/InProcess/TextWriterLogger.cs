using System.Text;
using BenchmarkDotNet.Loggers;

namespace Sync.Bench.InProcess;

/// <summary>
/// Keeps BenchmarkDotNet's running commentary off the console: only its errors and warnings reach the bench log
/// (everything is still in BenchmarkDotNet's own log file under the artifacts path).
/// </summary>
internal sealed class TextWriterLogger(TextWriter log) : ILogger
{
    private readonly StringBuilder _line = new();
    private bool _keep;

    public string Id => nameof(TextWriterLogger);

    public int Priority => 0;

    public void Write(LogKind logKind, string text)
    {
        _keep |= logKind is LogKind.Error or LogKind.Warning;
        _line.Append(text);
    }

    public void WriteLine()
    {
        if (_keep && _line.Length > 0)
        {
            log.WriteLine($"bench: inproc: BenchmarkDotNet: {_line}");
        }

        _line.Clear();
        _keep = false;
    }

    public void WriteLine(LogKind logKind, string text)
    {
        Write(logKind, text);
        WriteLine();
    }

    public void Flush() => log.Flush();
}
