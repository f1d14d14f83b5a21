using System.Text.Json.Nodes;
using Sync.Sandbox.Pipeline;

namespace Sync.Sandbox.GitLab;

/// <summary>
/// GitLab's text limits, counted in characters as Ruby's <c>String#length</c> does (code points). A new issue's
/// description: <c>Issuable::DESCRIPTION_LENGTH_MAX = 1.megabyte</c>, checked on create only (an existing issue is not
/// held to it, <c>description_max_length_for_new_records_is_valid</c>); the API answers <c>render_validation_error!</c>,
/// 400 <c>{"message":{"description":["is too long (maximum is 1048576 characters)"]}}</c>. A note:
/// <c>validates :note, length: { maximum: Gitlab::Database::MAX_TEXT_SIZE_LIMIT }</c> (1,000,000) on create and update;
/// the API answers <c>bad_request!("Note #{note.errors.messages}")</c>.
/// </summary>
internal static class GitLabBodyLimit
{
    public const int DescriptionMax = 1_048_576;
    public const int NoteMax = 1_000_000;

    public static ApiReply? CheckDescription(string? description) =>
        description is not null && TextLength.CodePoints(description) > DescriptionMax
            ? new ApiReply(400, new JsonObject
            {
                ["message"] = new JsonObject { ["description"] = new JsonArray($"is too long (maximum is {DescriptionMax} characters)") },
            })
            : null;

    public static ApiReply? CheckNote(string? note) =>
        note is not null && TextLength.CodePoints(note) > NoteMax
            ? GitLabLookup.Error(400, $"400 Bad request - Note {{:note=>[\"is too long (maximum is {NoteMax} characters)\"]}}")
            : null;
}
