namespace Sync.Core.Trackers;

/// <summary>TEMPORARY until the upload hardening lands: a download that IssueSync refused to use.</summary>
public sealed class TrackerUploadRefusedException(string trackerName, string message) : TrackerException(trackerName, message);
