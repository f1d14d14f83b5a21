namespace Sync.Core.Roadmap;

/// <summary>A GitHub Projects v2 project and the single-select field that shows the roadmap section.</summary>
/// <param name="Owner">Organisation or user login that owns the project.</param>
/// <param name="Number">The project's number (from its URL).</param>
/// <param name="Field">Single-select field name (default <c>Status</c>), with options named Now, Next and Later.</param>
/// <param name="Repository">The public repository the issues are in, <c>owner/repo</c>.</param>
public sealed record ProjectBoardTarget(string Owner, int Number, string Field, string Repository);

/// <summary>Projects v2 boards (GitHub GraphQL). The port keeps GraphQL out of the core.</summary>
public interface IProjectBoards
{
    /// <summary>
    /// Makes the project show each issue with the given option of the field: adds issues that are not items yet and
    /// sets the field where it differs. Issues not in <paramref name="optionByIssue"/> are left as they are. In a dry
    /// run only reads are made. Returns the writes made (or, in a dry run, that would be made).
    /// </summary>
    /// <param name="tracker">The configured GitHub tracker whose token and API URL are used.</param>
    /// <param name="optionByIssue">Issue number in <see cref="ProjectBoardTarget.Repository"/> → option name (Now, Next, Later).</param>
    Task<IReadOnlyList<string>> SyncAsync(string tracker, ProjectBoardTarget target, IReadOnlyDictionary<long, string> optionByIssue, bool dryRun, CancellationToken cancellationToken);
}
