using Sync.Core.Releases;

namespace Sync.Worker.Configuration;

/// <summary>Rules of a product's release notes settings; each error names its key.</summary>
internal static class ReleaseNotesValidation
{
    /// <summary>A short milestone title the issue title is checked with (a title must fit with at least this one).</summary>
    private const string ShortMilestone = "1.0";

    public static void Validate(string key, ReleaseNotesOptions releaseNotes, List<string> errors)
    {
        var title = releaseNotes.Title;
        if (!title.Contains(ReleaseNotesRules.MilestonePlaceholder, StringComparison.Ordinal))
        {
            errors.Add($"{key}:Title: '{title}' must contain {ReleaseNotesRules.MilestonePlaceholder} (one notes issue per milestone)");
        }
        else if (title.Replace(ReleaseNotesRules.MilestonePlaceholder, ShortMilestone, StringComparison.Ordinal) is { Length: < 1 or > 255 })
        {
            errors.Add($"{key}:Title: must be 1 to 255 characters with the milestone's title in place of {ReleaseNotesRules.MilestonePlaceholder}");
        }

        if (releaseNotes.Groups is not { } groups)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < groups.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(groups[i]))
            {
                errors.Add($"{key}:Groups:{i}: must name a label");
            }
            else if (!seen.Add(groups[i].Trim()))
            {
                errors.Add($"{key}:Groups:{i}: '{groups[i]}' is listed twice (labels compare without case)");
            }
        }
    }
}
