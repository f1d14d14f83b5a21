using Sync.Core.Moving;
using Sync.Core.Publishing;
using Sync.Core.Publishing.Links;
using Sync.Core.Publishing.Text;
using Sync.Core.Tests.Moving.Planning;
using Sync.Core.Trackers;

namespace Sync.Core.Tests.Publishing;

/// <summary>
/// The planner's text pipeline for the planning fixtures' source (a self-hosted GitLab, dev.example, project
/// acme/widget-dev) moving to gitlab.com/acme/widget or github.com/acme/widget, with issue 12 already moved.
/// </summary>
internal static class PublicTextFixture
{
    public const string MovedUrl = "https://gitlab.com/acme/widget/-/issues/40";
    public const string UploadSecret = "0123456789abcdef0123456789abcdef";

    public static PrivateScope Scope(
        TrackerKind target = TrackerKind.GitLab,
        bool linkToSource = false,
        string sourceRoot = PlanningFixtures.SourceWebRoot,
        string sourcePath = PlanningFixtures.SourcePath,
        IReadOnlyList<string>? publicPaths = null,
        bool? instanceInternal = null) =>
        PrivateScope.For(
            new Uri(sourceRoot),
            sourcePath,
            new Uri(target == TrackerKind.GitLab ? PlanningFixtures.GitLabTargetRoot : PlanningFixtures.GitHubTargetRoot),
            "acme/widget",
            ["intra.acme.net"],
            publicPaths ?? [],
            instanceInternal,
            linkToSource);

    public static TextRedactor Redactor(PrivateScope? scope = null, bool defaults = true) =>
        new(SecretScans.For(new RedactionRules(["ACME-\\d{6}"], ["intra.acme.net"], defaults)), scope ?? Scope());

    public static PublicText Text(
        TrackerKind target = TrackerKind.GitLab,
        PrivateScope? scope = null,
        IReadOnlyDictionary<string, string>? users = null,
        TrackerKind source = TrackerKind.GitLab)
    {
        var s = scope ?? Scope(target);
        var rules = new PublicRewriteRules(
            new LinkClassifier(s),
            source,
            new Dictionary<long, string> { [12] = MovedUrl },
            users ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["alice"] = "alice-public" },
            upload => target == TrackerKind.GitLab ? $"upload:{upload.FileName}" : null);
        return new PublicText(new PublicRewrites(rules), Redactor(s));
    }

    public static string Markdown(string text, TrackerKind target = TrackerKind.GitLab) => Text(target).Markdown(text, new Findings());

    public static string Plain(string text, TrackerKind target = TrackerKind.GitLab) => Text(target).Plain(text, new Findings());
}
