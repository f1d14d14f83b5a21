namespace Sync.Worker.Trackers.GitHub;

/// <summary>
/// The REST API version IssueSync is written against, sent as <c>X-GitHub-Api-Version</c> on every REST request to the
/// tracker's own origin (<see cref="TrackerAuthHandler"/>). GitHub answers a request without the header as
/// <c>2022-11-28</c> today, but 2026-03-10 is out with breaking changes: naming the version keeps an upgrade a reviewed
/// decision (the test <c>GitHubApiVersionTests</c> lists what 2026-03-10 changes in the fields IssueSync reads).
/// </summary>
internal static class GitHubApiVersion
{
    public const string Header = "X-GitHub-Api-Version";

    public const string Current = "2022-11-28";
}
