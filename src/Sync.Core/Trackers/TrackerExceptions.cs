namespace Sync.Core.Trackers;

/// <summary>
/// Base of every error a tracker adapter raises. Adapters translate transport errors into these in one
/// place, so callers never see HTTP or SDK types. Messages never contain a token.
/// </summary>
public class TrackerException : Exception
{
    public TrackerException(string trackerName, string message, Exception? innerException = null)
        : base(message, innerException) => TrackerName = trackerName;

    public TrackerException()
        : this(string.Empty, "Tracker error")
    {
    }

    public TrackerException(string message)
        : this(string.Empty, message)
    {
    }

    public TrackerException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <summary>The configured tracker name (configuration key under <c>IssueSync:Trackers</c>).</summary>
    public string TrackerName { get; } = string.Empty;
}

/// <summary>The tracker rejected the token (401). Not retriable: fix configuration.</summary>
public sealed class TrackerUnauthorizedException(string trackerName, Exception? innerException = null)
    : TrackerException(
        trackerName,
        $"Tracker '{trackerName}' rejected the token (401 Unauthorized); check IssueSync:Trackers:{trackerName}:Token",
        innerException);

/// <summary>The token is valid but lacks permission for the resource (403 that is not a rate limit).</summary>
public sealed class TrackerForbiddenException(string trackerName, string detail, Exception? innerException = null)
    : TrackerException(trackerName, $"Tracker '{trackerName}' refused the request (403 Forbidden): {detail}", innerException);

/// <summary>
/// The project or issue does not exist, or the token cannot see it (404); or it is gone (GitHub's 410: deleted, or
/// issues disabled on the repository); or GitHub answered it from another place (a transferred issue, whose 301 Octokit
/// followed). Callers treat all three alike: nothing is there to read or write under the reference they asked about.
/// </summary>
public sealed class TrackerNotFoundException(
    string trackerName,
    string detail,
    Exception? innerException = null,
    int statusCode = 404,
    IssueRef? transferredTo = null)
    : TrackerException(trackerName, Describe(trackerName, detail, statusCode, transferredTo), innerException)
{
    /// <summary>404 (not found), 410 (gone) or 301 (answered from <see cref="TransferredTo"/>).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>Where GitHub says the issue now is, when a transfer (or a repository rename) moved it.</summary>
    public IssueRef? TransferredTo { get; } = transferredTo;

    private static string Describe(string trackerName, string detail, int statusCode, IssueRef? transferredTo) =>
        (statusCode, transferredTo) switch
        {
            (_, { } to) => $"Tracker '{trackerName}' answered {detail} with another issue, {to.Project.Path}#{to.Number} "
                + "(301 Moved Permanently: transferred, or the repository was renamed); nothing was read or written under the old reference",
            (410, _) => $"Tracker '{trackerName}' answered 410 Gone for {detail}",
            _ => $"Tracker '{trackerName}' found nothing at {detail} (404 Not Found)",
        };
}

/// <summary>The tracker refused the request content (400 / 422); <see cref="TrackerMessage"/> is its own wording.</summary>
public sealed class TrackerValidationException(string trackerName, int statusCode, string trackerMessage, Exception? innerException = null)
    : TrackerException(trackerName, $"Tracker '{trackerName}' rejected the request ({statusCode}): {trackerMessage}", innerException)
{
    public int StatusCode { get; } = statusCode;

    public string TrackerMessage { get; } = trackerMessage;
}

/// <summary>
/// A primary or secondary rate limit was hit (429, or a 403 that signals a limit) and retries did not get
/// through. <see cref="ResetAt"/> and <see cref="RetryAfter"/> carry what the tracker said, when it said it.
/// </summary>
public sealed class TrackerRateLimitedException(
    string trackerName,
    DateTimeOffset? resetAt,
    TimeSpan? retryAfter,
    Exception? innerException = null)
    : TrackerException(trackerName, Describe(trackerName, resetAt, retryAfter), innerException)
{
    public DateTimeOffset? ResetAt { get; } = resetAt;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    private static string Describe(string trackerName, DateTimeOffset? resetAt, TimeSpan? retryAfter) =>
        (resetAt, retryAfter) switch
        {
            (_, { } wait) => $"Tracker '{trackerName}' is rate limiting requests; retry after {wait.TotalSeconds:0} s",
            ({ } reset, _) => $"Tracker '{trackerName}' is rate limiting requests; the limit resets at {reset:O}",
            _ => $"Tracker '{trackerName}' is rate limiting requests",
        };
}

/// <summary>The tracker kept failing (5xx, timeouts, connection errors) after the configured retries.</summary>
public sealed class TrackerUnavailableException(string trackerName, string detail, Exception? innerException = null)
    : TrackerException(trackerName, $"Tracker '{trackerName}' is unavailable: {detail}", innerException);

/// <summary>The tracker answered with a body IssueSync cannot read (malformed JSON, missing fields).</summary>
public sealed class TrackerProtocolException(string trackerName, string detail, Exception? innerException = null)
    : TrackerException(trackerName, $"Tracker '{trackerName}' sent an unexpected response: {detail}", innerException);

/// <summary>
/// IssueSync refused to download or copy a tracker upload: the link is not an upload link, or the answer was not the
/// file (an API answer, a redirect it will not follow, more than the size cap). Not retriable: the same link gets the
/// same refusal, so callers leave an "attachment not copied" placeholder instead. The one-line message names the
/// tracker and the file name (never the raw link, which is hostile text, and never a token).
/// </summary>
public sealed class TrackerUploadRefusedException(string trackerName, string? fileName, string reason, Exception? innerException = null)
    : TrackerException(trackerName, Describe(trackerName, fileName, reason), innerException)
{
    /// <summary>The decoded file name of the upload; null when the link was not an upload link at all.</summary>
    public string? FileName { get; } = fileName;

    public string Reason { get; } = OneLine(reason);

    private static string Describe(string trackerName, string? fileName, string reason) =>
        fileName is null
            ? $"Tracker '{trackerName}': an upload link was refused: {OneLine(reason)}"
            : $"Tracker '{trackerName}': upload '{OneLine(fileName)}' was refused: {OneLine(reason)}";

    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
}
