using Sync.Sandbox.Model;

namespace Sync.Sandbox;

// The quick actions a GitLab instance extracted from text written through its API.
public sealed partial class SandboxInstance
{
    private readonly List<SandboxQuickAction> _quickActions = [];

    /// <summary>Every quick action this instance found in descriptions and notes, oldest first.</summary>
    public IReadOnlyList<SandboxQuickAction> QuickActions()
    {
        lock (Sync)
        {
            return [.. _quickActions];
        }
    }

    public void ClearQuickActions()
    {
        lock (Sync)
        {
            _quickActions.Clear();
        }
    }

    /// <summary>Called by handlers, which already hold <see cref="Sync"/>.</summary>
    internal void RecordQuickAction(SandboxQuickAction action) => _quickActions.Add(action);
}
