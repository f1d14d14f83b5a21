namespace Sync.Worker.Trackers.GitHub.Projects;

/// <summary>What the adapter knows of one project after reading it: ids, the field, and the items of the target repository.</summary>
/// <param name="Items">Item of each issue (by number) of the target repository that is on the board.</param>
internal sealed record ProjectBoard(string ProjectId, SingleSelectField Field, IReadOnlyDictionary<long, BoardItem> Items);

/// <param name="OptionId">The field's current option, null when unset.</param>
internal sealed record BoardItem(string ItemId, string? OptionId);

internal sealed record SingleSelectField(string Id, string Name, IReadOnlyList<FieldOption> Options)
{
    /// <summary>Option names compare case-insensitively ("now" finds "Now").</summary>
    public FieldOption? Find(string name) =>
        Options.FirstOrDefault(o => string.Equals(o.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}

internal sealed record FieldOption(string Id, string Name);
