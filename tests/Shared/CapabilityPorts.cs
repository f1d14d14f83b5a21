using Sync.Core.Trackers;

namespace Sync.Tests.Shared;

/// <summary>
/// The optional ports of a client under test, failing the test when the client has none. One file, compiled into the
/// worker and sandbox test projects (linked from their project files).
/// </summary>
internal static class CapabilityPorts
{
    public static IUploads Uploads(this ITrackerClient client) =>
        client.Get<IUploads>() ?? throw new InvalidOperationException($"Tracker '{client.Name}' ({client.Kind}) has no IUploads");

    public static IBoards Boards(this ITrackerClient client) =>
        client.Get<IBoards>() ?? throw new InvalidOperationException($"Tracker '{client.Name}' ({client.Kind}) has no IBoards");
}
