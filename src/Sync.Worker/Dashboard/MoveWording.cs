using System.Globalization;
using Sync.Core.Storage;

namespace Sync.Worker.Dashboard;

/// <summary>A move's standing in words, and the query-string names of <see cref="MoveStatus"/>.</summary>
internal static class MoveWording
{
    /// <summary>The steps a move takes after recording its intent, one per <see cref="MoveState"/> it reaches.</summary>
    public static int StepCount { get; } = (int)MoveState.Completed;

    public static IReadOnlyList<(MoveStatus Status, string Slug, string Label)> Statuses { get; } =
    [
        (MoveStatus.Done, "done", "done"),
        (MoveStatus.InProgress, "in-progress", "in progress"),
        (MoveStatus.Failed, "failed", "failed"),
        (MoveStatus.Parked, "parked", "parked"),
    ];

    public static string Slug(MoveStatus status) => Statuses.First(s => s.Status == status).Slug;

    public static bool TryParse(string slug, out MoveStatus status)
    {
        var found = Statuses.FirstOrDefault(s => string.Equals(s.Slug, slug, StringComparison.Ordinal));
        status = found.Status;
        return found.Slug is not null;
    }

    /// <summary>What the move does next from <paramref name="state"/> (the step it has not finished).</summary>
    public static string NextStep(MoveState state) => state switch
    {
        MoveState.Intent => "create the public issue",
        MoveState.TargetCreated => "copy the comments",
        MoveState.CommentsCopied => "comment on the source",
        MoveState.SourceCommented => "close the source",
        MoveState.Completed => "nothing",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown move state."),
    };

    /// <summary>"done", "in progress at step 2 of 4 (copy the comments)", "failed at step …: reason", "parked: reason".</summary>
    public static string Describe(MoveRecord move)
    {
        ArgumentNullException.ThrowIfNull(move);
        var step = string.Create(CultureInfo.InvariantCulture, $"step {(int)move.State + 1} of {StepCount} ({NextStep(move.State)})");
        return move.Status switch
        {
            MoveStatus.Done => "done",
            MoveStatus.InProgress => $"in progress at {step}",
            MoveStatus.Failed => $"failed at {step}: {move.Error}",
            MoveStatus.Parked => $"parked at {step}: {move.Error![MoveRecord.ParkedPrefix.Length..]}",
            _ => throw new ArgumentOutOfRangeException(nameof(move), move.Status, "Unknown move status."),
        };
    }
}
