namespace Sync.Sandbox;

public static class TrackerKinds
{
    public const string GitLab = "GitLab";
    public const string GitHub = "GitHub";
    public const string Discourse = "Discourse";
}
