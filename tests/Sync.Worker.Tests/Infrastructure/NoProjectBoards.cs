using Sync.Core.Roadmap;

namespace Sync.Worker.Tests.Infrastructure;

/// <summary>For roadmap tests without a GitHub Projects v2 board: a call means the step thought one was configured.</summary>
internal sealed class NoProjectBoards : IProjectBoards
{
    public Task<IReadOnlyList<string>> SyncAsync(string tracker, ProjectBoardTarget target, IReadOnlyDictionary<long, string> optionByIssue, bool dryRun, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No Projects v2 board is configured in these tests.");
}
