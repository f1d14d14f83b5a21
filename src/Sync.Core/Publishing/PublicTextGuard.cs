using System.Globalization;
using Sync.Core.Publishing.Links;
using Sync.Core.Publishing.Markdown;
using Sync.Core.Publishing.Text;
using Sync.Core.Trackers;

namespace Sync.Core.Publishing;

/// <summary>What kind of string a public write carries: decides which checks apply.</summary>
public enum PublicField
{
    Title,
    Body,
    Comment,
    Label,
    LabelDescription,
    Milestone,
    FileName,
    Board,
}

/// <summary>
/// The last pass over every string actually sent to a public project, after every rewrite (upload links included):
/// a string that still matches a redaction rule, holds a live @mention of someone not mapped on purpose, or a line
/// that would run a command is refused — the write is not sent. Fails closed: it never repairs, it only says no.
/// </summary>
public sealed class PublicTextGuard
{
    private readonly IReadOnlyList<TextRedactor> _redactors;
    private readonly PublicRewrites _mentionCheck;

    /// <param name="redactors">The text rules of every source that feeds the project (uploads of the target itself are public).</param>
    /// <param name="mappedUsers">Public accounts a user map names: mentioning them is intended.</param>
    public PublicTextGuard(IReadOnlyList<TextRedactor> redactors, IEnumerable<string> mappedUsers)
    {
        _redactors = redactors;
        var allowed = mappedUsers.Select(u => u.Trim().TrimStart('@')).Where(u => u.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(u => u, u => u, StringComparer.OrdinalIgnoreCase);
        _mentionCheck = new PublicRewrites(new PublicRewriteRules(
            new LinkClassifier(new PrivateScope()), TrackerKind.GitLab, new Dictionary<long, string>(), allowed, _ => "upload"));
    }

    /// <summary>The rules <paramref name="text"/> breaks, as <c>field: rule</c>; empty when it may be written.</summary>
    public IReadOnlyList<string> Check(string? text, PublicField field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var broken = _redactors.SelectMany(r => r.Find(text)).ToList();
        if (field is PublicField.Body or PublicField.Comment)
        {
            var findings = new Findings();
            _ = new MarkdownRewriter(_mentionCheck, findings).Rewrite(text);
            if (findings.Counts.Any(c => c.Rule == "mention"))
            {
                broken.Add("mention");
            }

            if (CommandLines.HasCommandLine(text))
            {
                broken.Add("quick-action");
            }
        }
        else if (field is PublicField.Title && Mentions.Find(text).Any(m => !_mentionCheck.MappedUsers.Contains(m.Name, StringComparer.OrdinalIgnoreCase)))
        {
            broken.Add("mention");
        }

        return [.. broken.Distinct(StringComparer.Ordinal).Select(r => $"{Name(field)}: {r}")];
    }

    /// <summary>Throws <see cref="PublicWriteRefusedException"/> when any string breaks a rule.</summary>
    public void Ensure(string project, params (string? Text, PublicField Field)[] strings)
    {
        var broken = strings.SelectMany(s => s.Field == PublicField.Label && s.Text is { } labels
            ? labels.Split('\n').SelectMany(l => Check(l, PublicField.Label))
            : Check(s.Text, s.Field)).Distinct(StringComparer.Ordinal).ToList();
        if (broken.Count > 0)
        {
            throw new PublicWriteRefusedException(project, broken);
        }
    }

    private static string Name(PublicField field) => field switch
    {
        PublicField.LabelDescription => "label description",
        PublicField.FileName => "file name",
        _ => field.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// A write to a public project was not sent because a string still broke a rule after every rewrite. The message names
/// the field and the rule, never the text.
/// </summary>
public sealed class PublicWriteRefusedException(string project, IReadOnlyList<string> broken)
    : Exception($"refused to write to public project {project}: {string.Join(", ", broken)} still matched after redaction")
{
    public IReadOnlyList<string> Broken { get; } = broken;
}
