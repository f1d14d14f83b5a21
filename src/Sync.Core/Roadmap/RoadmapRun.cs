using System.Globalization;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Core.Roadmap;

/// <summary>The writes of one roadmap rebuild (or, in a dry run, the writes it would make) and their counts.</summary>
internal sealed class RoadmapRun(
    ITrackerClient client,
    ProjectRef project,
    RoadmapRules rules,
    PipelineContext context,
    IAuditLog audit,
    TimeProvider time)
{
    private readonly List<string> _lines = [];
    private readonly StepWriter _writer = new(context, audit, time, client, project);
    private string _issueOutcome = "unchanged";
    private int _labelWrites;
    private int _labelsCreated;

    /// <summary>Creates the roadmap issue when there is none, else edits its body when it differs from <paramref name="body"/>.</summary>
    public async Task<RoadmapIssueState> WriteIssueAsync(RoadmapIssueState state, string body, string? listedBody, CancellationToken cancellationToken)
    {
        var current = listedBody ?? state.Body;
        // GitLab stores descriptions right-trimmed, so trailing whitespace is no change.
        if (state.Number is { } number && string.Equals(current?.TrimEnd(), body.TrimEnd(), StringComparison.Ordinal))
        {
            return state with { Body = body };
        }

        var diff = RoadmapText.Diff(state.Number is null ? null : current, body);
        if (state.Number is { } existing)
        {
            var target = new IssueRef(project, existing).ToString();
            try
            {
                await WriteAsync(AuditActions.Edit, target, string.Join('\n', diff), () => client.EditIssueAsync(project.Path, existing, new IssueEdit(Body: body), cancellationToken), cancellationToken);
                _issueOutcome = "updated";
                return state with { Body = body };
            }
            catch (TrackerNotFoundException)
            {
                // Deleted by a human: a new one is created below.
            }
        }

        var since = time.GetUtcNow() - TimeSpan.FromMinutes(10);
        var created = await WriteAsync(AuditActions.Create, $"{project}#new", $"{rules.Title}\n{string.Join('\n', diff)}", async () => (await WriteOnce.RunAsync(
            () => client.CreateIssueAsync(project.Path, new NewIssue(rules.Title, body), cancellationToken),
            () => client.ListIssuesAsync(project.Path, new IssueQuery(IssueStateFilter.All, null, since), cancellationToken)
                .FirstOrDefaultAsync(i => RoadmapText.IsRoadmapOf(i.Body, context.Product.Key), cancellationToken).AsTask())).Result, cancellationToken);
        _issueOutcome = "created";
        return state with { Number = created?.Ref.Number, WebUrl = created?.WebUrl, Body = body };
    }

    /// <summary>
    /// One board label per open issue on the roadmap, none on open issues off it, and none on a confidential issue, open
    /// or closed: a board list shows its issues to every member and the label's history outlives the issue's state, so
    /// a label a human (or an older version) put there is removed too. Returns the new label sets.
    /// </summary>
    public async Task<Dictionary<long, IReadOnlyList<string>>> LabelAsync(Dictionary<long, RoadmapIssue> book, ProductRoadmap roadmap, CancellationToken cancellationToken)
    {
        var wanted = roadmap.Items.Where(i => i.IsPlanned).ToDictionary(i => i.Number, i => rules.LabelOf(i.Section));
        var changed = new Dictionary<long, IReadOnlyList<string>>();
        foreach (var issue in book.Values.Where(i => i.Open || i.Confidential).OrderBy(i => i.Number))
        {
            var want = issue.Confidential ? null : wanted.GetValueOrDefault(issue.Number);
            var has = issue.Labels.Where(IsBoardLabel).ToList();
            string[] add = want is not null && !has.Contains(want, StringComparer.OrdinalIgnoreCase) ? [want] : [];
            var remove = has.Where(l => !string.Equals(l, want, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
            if (add.Length == 0 && remove.Count == 0)
            {
                continue;
            }

            await EnsureLabelsAsync(add, cancellationToken);
            var detail = string.Join(' ', add.Select(l => "+" + l).Concat(remove.Select(l => "-" + l)));
            try
            {
                await WriteAsync(AuditActions.Label, new IssueRef(project, issue.Number).ToString(), detail, async () =>
                {
                    await WriteOnce.RunAsync(
                        async () =>
                        {
                            await client.ChangeLabelsAsync(project.Path, issue.Number, add, remove, cancellationToken);
                            return string.Empty;
                        },
                        async () =>
                        {
                            var labels = (await client.GetIssueAsync(project.Path, issue.Number, cancellationToken)).Labels;
                            return add.All(l => labels.Contains(l, StringComparer.OrdinalIgnoreCase)) && !remove.Any(l => labels.Contains(l, StringComparer.OrdinalIgnoreCase)) ? string.Empty : null;
                        });
                    return string.Empty;
                }, cancellationToken);
            }
            catch (TrackerNotFoundException)
            {
                continue; // deleted since it was listed
            }

            _labelWrites++;
            changed[issue.Number] = [.. issue.Labels.Where(l => !remove.Contains(l, StringComparer.OrdinalIgnoreCase)).Concat(add)];
        }

        return changed;
    }

    /// <summary>GitLab: the board with one list per section label. GitHub: the Projects v2 board, when configured.</summary>
    public async Task<RoadmapIssueState> BoardAsync(RoadmapIssueState state, ProductRoadmap roadmap, IProjectBoards boards, CancellationToken cancellationToken)
    {
        var sections = new[] { RoadmapSection.Now, RoadmapSection.Next, RoadmapSection.Later };
        if (client.Get<IBoards>() is { } labelBoards)
        {
            if (!state.LabelsEnsured)
            {
                await EnsureLabelsAsync([.. sections.Select(rules.LabelOf)], cancellationToken);
            }

            if (context.DryRun)
            {
                _lines.Add($"{project}: board '{rules.BoardName}' is checked and repaired on a real run");
            }
            else
            {
                // "Ensure" reads the board and its lists first, so running it again after a lost answer creates only what is missing.
                var (board, _) = await WriteOnce.RunAsync(
                    () => labelBoards.EnsureBoardAsync(project.Path, rules.BoardName, [.. sections.Select(rules.LabelOf)], cancellationToken),
                    () => Task.FromResult<TrackerBoard?>(null));
                _lines.Add($"{project}: board '{board.Name}' has lists {string.Join(", ", board.ListLabels)}");
            }

            return state with { LabelsEnsured = !context.DryRun };
        }

        if (rules.GitHubProject?.For(project.Path) is { } target)
        {
            var options = roadmap.Items
                .Where(i => i.IsPlanned)
                .ToDictionary(i => i.Number, i => i.Section.ToString());
            var writes = await boards.SyncAsync(project.Tracker, target, options, context.DryRun, cancellationToken);
            foreach (var write in writes)
            {
                context.Writes.Record(new PlannedWrite("project", $"{target.Owner}/{target.Number.ToString(CultureInfo.InvariantCulture)}", write));
            }

            _lines.Add($"{project}: project {target.Owner}/{target.Number.ToString(CultureInfo.InvariantCulture)}: {writes.Count} change(s)");
        }

        return state with { LabelsEnsured = state.LabelsEnsured || !context.DryRun };
    }

    /// <param name="fullListing">Whether the public project was listed in full (upgraded book, or the periodic full listing).</param>
    /// <param name="confidential">Confidential issues of the public project, all left off the roadmap.</param>
    public StepResult Summary(ProductRoadmap roadmap, RoadmapIssueState state, bool fullListing, int confidential)
    {
        var counts = Enum.GetValues<RoadmapSection>().ToDictionary(s => s, s => roadmap.In(s).Count());
        var issue = state.Number is { } n ? $"#{n.ToString(CultureInfo.InvariantCulture)}" : "(new)";
        _lines.Insert(0, string.Create(
            CultureInfo.InvariantCulture,
            $"{project}: roadmap {issue} {_issueOutcome}{(context.DryRun ? " (dry run: nothing written)" : string.Empty)}: now {counts[RoadmapSection.Now]}, next {counts[RoadmapSection.Next]}, later {counts[RoadmapSection.Later]}, shipped {counts[RoadmapSection.Shipped]}, needs input {counts[RoadmapSection.NeedsInput] + roadmap.NeedsInputMore}"));
        _lines.Insert(1, $"{project}: {_labelWrites} board label change(s), {_labelsCreated} label(s) created");
        if (fullListing || confidential > 0)
        {
            _lines.Insert(2, string.Create(
                CultureInfo.InvariantCulture,
                $"{project}: {(fullListing ? "listed in full; " : string.Empty)}{confidential} confidential issue(s) left off the roadmap"));
        }

        var metrics = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["roadmapItems"] = roadmap.Items.Count(i => i.Section != RoadmapSection.NeedsInput),
            ["roadmapNeedsInput"] = roadmap.In(RoadmapSection.NeedsInput).Count() + roadmap.NeedsInputMore,
            ["roadmapIssueWrites"] = _issueOutcome == "unchanged" ? 0 : 1,
            ["roadmapLabelWrites"] = _labelWrites,
            ["roadmapConfidentialLeftOff"] = confidential,
        };
        return new StepResult(_lines, metrics);
    }

    private bool IsBoardLabel(string label) => label.StartsWith(rules.LabelScope + "::", StringComparison.OrdinalIgnoreCase);

    private async Task EnsureLabelsAsync(string[] names, CancellationToken cancellationToken)
    {
        var labels = names.Select(name => BoardSectionOf(name) switch
        {
            RoadmapSection.Now => new TrackerLabel(name, "#1A7F37", "On the roadmap: now (kept by IssueSync)"),
            RoadmapSection.Next => new TrackerLabel(name, "#0969DA", "On the roadmap: next (kept by IssueSync)"),
            _ => new TrackerLabel(name, "#8250DF", "On the roadmap: later (kept by IssueSync)"),
        });
        _labelsCreated += await _writer.EnsureLabelsAsync(labels, cancellationToken);
    }

    private RoadmapSection BoardSectionOf(string label) =>
        new[] { RoadmapSection.Now, RoadmapSection.Next, RoadmapSection.Later }.First(s => string.Equals(rules.LabelOf(s), label, StringComparison.OrdinalIgnoreCase));

    private Task<T?> WriteAsync<T>(string action, string target, string detail, Func<Task<T>> write, CancellationToken cancellationToken)
        where T : class =>
        _writer.WriteAsync(action, target, detail, action == AuditActions.Label ? detail : $"roadmap issue ({detail.Length} chars of diff)", write, cancellationToken);
}
