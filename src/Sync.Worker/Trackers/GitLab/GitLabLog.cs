using Microsoft.Extensions.Logging;

namespace Sync.Worker.Trackers.GitLab;

/// <summary>GitLab adapter log messages (event ids 12xx). Resources are described, never requests or tokens.</summary>
internal static partial class GitLabLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Tracker {Tracker}: listed {Count} {Resource} in {Pages} page(s)")]
    public static partial void Listed(ILogger logger, string tracker, string resource, int count, int pages);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Tracker {Tracker}: label '{Label}' already exists in {Project}; using it")]
    public static partial void LabelExisted(ILogger logger, string tracker, string project, string label);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information,
        Message = "Tracker {Tracker}: board '{Board}' of {Project} ensured ({CreatedLists} list(s) created, {MovedLists} moved, board created: {BoardCreated})")]
    public static partial void BoardEnsured(ILogger logger, string tracker, string project, string board, int createdLists, int movedLists, bool boardCreated);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Tracker {Tracker}: upload '{FileName}' refused: {Reason}")]
    public static partial void UploadRefused(ILogger logger, string tracker, string fileName, string reason);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Debug,
        Message = "Tracker {Tracker}: upload '{FileName}' is served from {Host}; following the redirect without credentials")]
    public static partial void FollowingUploadRedirect(ILogger logger, string tracker, string fileName, string host);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Tracker {Tracker}: GraphQL read of {Resource} refused ({Error})")]
    public static partial void GraphQlFailed(ILogger logger, string tracker, string resource, string error);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Debug,
        Message = "Tracker {Tracker}: read vote signals of {Count} issue(s) of {Project} in {Queries} GraphQL quer(y/ies), {Overflowing} with more awards than the page (signal without counts)")]
    public static partial void VoteSignalsRead(ILogger logger, string tracker, string project, int count, int queries, int overflowing);
}
