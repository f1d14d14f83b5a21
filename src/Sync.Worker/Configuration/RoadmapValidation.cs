using Sync.Core.Roadmap;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;

namespace Sync.Worker.Configuration;

/// <summary>Rules of a product's roadmap settings; each error names its key.</summary>
internal static class RoadmapValidation
{
    public static void Validate(string key, RoadmapOptions roadmap, ProjectRef? publicProject, IssueSyncOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(roadmap.Title) || roadmap.Title.Length > 255)
        {
            errors.Add($"{key}:Title: must be 1 to 255 characters");
        }

        AnnotatedOptions.Validate<RoadmapRules>(new RoadmapRulesAnnotations(), key, roadmap, errors);

        if (string.IsNullOrWhiteSpace(roadmap.LabelScope) || roadmap.LabelScope.Contains("::", StringComparison.Ordinal) || roadmap.LabelScope.Contains(',', StringComparison.Ordinal))
        {
            errors.Add($"{key}:LabelScope: '{roadmap.LabelScope}' must be a label scope such as 'roadmap' (not empty, no '::' or ',')");
        }

        if (string.IsNullOrWhiteSpace(roadmap.BoardName))
        {
            errors.Add($"{key}:BoardName: must not be empty");
        }

        if (roadmap.GitHubProject is not { } project || publicProject is null)
        {
            return;
        }

        var kind = options.Trackers.TryGetValue(publicProject.Tracker, out var tracker) ? tracker.Kind : null;
        if (!TrackerDialects.TryParse(kind, out var dialect) || !dialect.Capabilities.Contains(typeof(IProjectBoards)))
        {
            errors.Add($"{key}:GitHubProject: the public project '{publicProject}' is not on GitHub; a Projects v2 board needs a GitHub public project");
        }

        if (string.IsNullOrWhiteSpace(project.Owner))
        {
            errors.Add($"{key}:GitHubProject:Owner: must name the organisation or user that owns the project");
        }

        AnnotatedOptions.Validate(new ProjectBoardAnnotations(), $"{key}:GitHubProject", project, errors);

        if (string.IsNullOrWhiteSpace(project.Field))
        {
            errors.Add($"{key}:GitHubProject:Field: must name a single-select field");
        }
    }
}
