using System.Text.Json.Serialization;

namespace Sync.Worker.Trackers.GitHub.Projects;

// The shapes of the answers to ProjectBoardDocuments; only the fields the adapter reads are declared.
internal sealed record BoardData(BoardOwner? RepositoryOwner);

internal sealed record BoardOwner(
    [property: JsonPropertyName("__typename")] string? TypeName,
    BoardProject? ProjectV2);

internal sealed record BoardProject(string Id, BoardField? Field, BoardItemPage Items);

internal sealed record BoardField(
    [property: JsonPropertyName("__typename")] string? TypeName,
    string? Id,
    string? Name,
    IReadOnlyList<BoardOption>? Options);

internal sealed record BoardOption(string Id, string Name);

internal sealed record BoardItemPage(BoardPageInfo PageInfo, IReadOnlyList<BoardItemNode?>? Nodes);

internal sealed record BoardPageInfo(bool HasNextPage, string? EndCursor);

internal sealed record BoardItemNode(string Id, BoardContent? Content, BoardFieldValue? FieldValueByName);

internal sealed record BoardContent(
    [property: JsonPropertyName("__typename")] string? TypeName,
    long? Number,
    BoardRepository? Repository);

internal sealed record BoardRepository(string NameWithOwner);

internal sealed record BoardFieldValue(
    [property: JsonPropertyName("__typename")] string? TypeName,
    string? OptionId,
    string? Name);

/// <summary><c>repository { i12: issue(number: $n12) { id } ... }</c>: aliases are the keys.</summary>
internal sealed record IssueIdsData(IReadOnlyDictionary<string, NodeId?>? Repository);

internal sealed record NodeId(string Id);

internal sealed record AddItemData(AddItemPayload? AddProjectV2ItemById);

internal sealed record AddItemPayload(NodeId? Item);

internal sealed record SetOptionData(SetOptionPayload? UpdateProjectV2ItemFieldValue);

internal sealed record SetOptionPayload(NodeId? ProjectV2Item);
