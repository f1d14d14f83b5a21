using Microsoft.Extensions.Logging;

namespace Sync.Worker.Trackers.GitHub.Projects;

/// <summary>Log messages of the Projects v2 adapter. Event ids are stable (1160-1169); nothing here carries a token.</summary>
internal static partial class ProjectBoardsLog
{
    [LoggerMessage(EventId = 1160, Level = LogLevel.Debug,
        Message = "Read GitHub project {Project} on tracker {Tracker}: {Items} item(s) of {Repository} in {Pages} page(s)")]
    public static partial void BoardRead(ILogger logger, string tracker, string project, string repository, int items, int pages);

    [LoggerMessage(EventId = 1161, Level = LogLevel.Information,
        Message = "Tracker {Tracker}: {Write}")]
    public static partial void BoardWritten(ILogger logger, string tracker, string write);

    [LoggerMessage(EventId = 1162, Level = LogLevel.Information,
        Message = "Tracker {Tracker} (dry run, not sent): {Write}")]
    public static partial void BoardWriteSkipped(ILogger logger, string tracker, string write);

    [LoggerMessage(EventId = 1163, Level = LogLevel.Warning,
        Message = "Tracker {Tracker} answered GraphQL errors for {Resource}: {ErrorKind}")]
    public static partial void GraphQlFailed(ILogger logger, string tracker, string resource, string errorKind);
}
