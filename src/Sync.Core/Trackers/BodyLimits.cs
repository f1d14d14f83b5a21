using System.Globalization;

namespace Sync.Core.Trackers;

/// <summary>
/// The longest issue body and comment a tracker stores, in UTF-16 code units (<see cref="string.Length"/>): the one
/// place these numbers live (docs/tracker-behaviour.md, "Body limits"). UTF-16 units are counted because they are never
/// fewer than code points (what Ruby's <c>String#length</c>, behind both trackers' validations, counts) and, at GitHub's
/// 65,536, never reach the 262,144 UTF-8 bytes third-party probes measured there (a UTF-16 unit is at most 3 bytes): a
/// text within these limits passes every reading of "characters" found so far.
/// </summary>
/// <param name="IssueBody">Most units in an issue description.</param>
/// <param name="Comment">Most units in one comment or note.</param>
public sealed record BodyLimits(TrackerKind Kind, int IssueBody, int Comment)
{
    /// <summary>GitHub: "body is too long (maximum is 65536 characters)" on issues and comments (422).</summary>
    public static readonly BodyLimits GitHub = new(TrackerKind.GitHub, 65_536, 65_536);

    /// <summary>
    /// GitLab: <c>Issuable::DESCRIPTION_LENGTH_MAX = 1.megabyte</c> (1,048,576) on create, and
    /// <c>Gitlab::Database::MAX_TEXT_SIZE_LIMIT = 1_000_000</c> for a note (400 either way).
    /// </summary>
    public static readonly BodyLimits GitLab = new(TrackerKind.GitLab, 1_048_576, 1_000_000);

    /// <exception cref="ArgumentOutOfRangeException">A kind Core has no traits for.</exception>
    public static BodyLimits For(TrackerKind kind) => TrackerTraits.For(kind).Bodies;

    /// <summary>Refuses, before anything is sent, a body the tracker would refuse: a clear error instead of a raw 422/400.</summary>
    /// <param name="what">What is being written, e.g. <c>new comment on acme/app#12</c>.</param>
    /// <exception cref="TrackerBodyTooLongException">The body is longer than the limit.</exception>
    public void EnsureFits(string trackerName, string what, string? body, bool isComment)
    {
        var limit = isComment ? Comment : IssueBody;
        if (body is not null && body.Length > limit)
        {
            throw new TrackerBodyTooLongException(trackerName, Kind, what, body.Length, limit);
        }
    }
}

/// <summary>A body longer than the tracker stores; raised before the request, so nothing was written.</summary>
public sealed class TrackerBodyTooLongException(string trackerName, TrackerKind kind, string what, int length, int limit)
    : TrackerException(
        trackerName,
        string.Create(
            CultureInfo.InvariantCulture,
            $"Tracker '{trackerName}' would refuse the text of {what}: {length:N0} characters, {kind} stores at most {limit:N0}; nothing was sent"))
{
    public int Length { get; } = length;

    public int Limit { get; } = limit;
}
