namespace Sync.Core.Releases;

/// <summary>
/// Release notes drafted for each milestone of the public project that closes (and on request for any milestone): the
/// shipped public issues grouped by label with their title, link and the demand they answered, plus the moved development
/// issues that shipped; written as one issue per milestone (found again by its marker, updated in place, never
/// duplicated) and served at <c>/direction/&lt;product&gt;/releases/&lt;milestone&gt;</c> and in the Atom feed. The Worker
/// binds <c>IssueSync:Products:&lt;key&gt;:ReleaseNotes</c> straight into this type, so these are the only defaults. Off
/// unless <c>Enabled</c>.
/// </summary>
public record ReleaseNotesRules
{
    public const string MilestonePlaceholder = "{milestone}";

    /// <summary>Title of the release notes issue; <c>{milestone}</c> is replaced by the milestone's title.</summary>
    public string Title { get; set => field = value.Trim(); } = "Release notes: " + MilestonePlaceholder;

    /// <summary>
    /// Labels the shipped issues are grouped by, in this order; an issue is listed under the first it carries, the rest
    /// under "Other changes". Default <c>feature-request</c>, <c>enhancement</c>, <c>bug</c>.
    /// </summary>
    public List<string>? Groups { get; set; }

    public IReadOnlyList<string> GroupsOrDefault => Groups ?? ["feature-request", "enhancement", "bug"];

    /// <summary>
    /// Draft notes by themselves only for milestones that close after the product first ran with release notes on (so
    /// turning it on does not file notes for every old milestone); a draft can still be asked for any milestone.
    /// </summary>
    public bool OnlyNewlyClosed { get; set; } = true;
}
