namespace Sync.Bench.Moves;

/// <summary>The two bulk-move directions the bench measures; the source is always the private GitLab dev instance.</summary>
internal enum MoveDirection
{
    /// <summary>sandbox.GitLabDev → sandbox.GitLab: separate instances, so separate limits.</summary>
    GitLabToGitLab,

    /// <summary>sandbox.GitLabDev → sandbox.GitHub.</summary>
    GitLabToGitHub,
}

internal static class MoveDirections
{
    public static IReadOnlyList<MoveDirection> All { get; } = [MoveDirection.GitLabToGitLab, MoveDirection.GitLabToGitHub];

    public static string Describe(this MoveDirection direction) => direction switch
    {
        MoveDirection.GitLabToGitLab => "GitLab dev → GitLab",
        _ => "GitLab dev → GitHub",
    };
}
