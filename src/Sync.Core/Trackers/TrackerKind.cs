namespace Sync.Core.Trackers;

/// <summary>The tracker products IssueSync speaks to.</summary>
public enum TrackerKind
{
    GitLab,
    GitHub,
}
