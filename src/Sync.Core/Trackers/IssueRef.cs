namespace Sync.Core.Trackers;

/// <summary>One issue: its project and its per-project number (GitLab <c>iid</c>, GitHub <c>number</c>).</summary>
public sealed record IssueRef(ProjectRef Project, long Number)
{
    public override string ToString() => $"{Project}#{Number}";

    public static bool TryParse(string? text, out IssueRef? issue)
    {
        issue = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var hash = text.LastIndexOf('#');
        if (hash <= 0 || !long.TryParse(text.AsSpan(hash + 1), out var number) || number <= 0)
        {
            return false;
        }

        if (!ProjectRef.TryParse(text[..hash], out var project, out _))
        {
            return false;
        }

        issue = new IssueRef(project!, number);
        return true;
    }

    public static IssueRef Parse(string text) =>
        TryParse(text, out var issue) ? issue! : throw new FormatException($"'{text}' is not of the form '<tracker>:<group>/<project>#<number>'");
}
