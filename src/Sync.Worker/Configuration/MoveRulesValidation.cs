using System.Text.RegularExpressions;

namespace Sync.Worker.Configuration;

/// <summary>Checks of the move rules of a source and the redaction of a product; each error starts with its key.</summary>
internal static partial class MoveRulesValidation
{
    public static void Validate(string key, SourceOptions source, List<string> errors)
    {
        CheckNames($"{key}:Labels", source.Labels ?? [], errors);
        CheckNames($"{key}:ExcludeLabels", source.ExcludeLabels, errors);
        CheckNames($"{key}:DropLabels", source.DropLabels, errors);
        var labels = source.LabelsOrDefault;
        if (source.ExcludeLabels.Intersect(labels, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } both)
        {
            errors.Add($"{key}:ExcludeLabels: '{both}' is also in Labels, so no issue could ever move");
        }

        AnnotatedOptions.Validate<Sync.Core.Moving.MoveRules>(new MoveRulesAnnotations(), key, source, errors);

        if (string.IsNullOrWhiteSpace(source.MovedLabel))
        {
            errors.Add($"{key}:MovedLabel: is empty; it marks moved sources and keeps them from moving twice");
        }

        foreach (var (from, to) in source.LabelMap)
        {
            if (string.IsNullOrWhiteSpace(to))
            {
                errors.Add($"{key}:LabelMap:{from}: maps to an empty label name (use DropLabels to drop a label)");
            }
        }

        foreach (var (from, to) in source.UserMap)
        {
            if (!UserName().IsMatch(to.TrimStart('@')))
            {
                errors.Add($"{key}:UserMap:{from}: '{to}' is not a username");
            }
        }
    }

    public static void Validate(string key, RedactionOptions redaction, List<string> errors)
    {
        for (var i = 0; i < redaction.Patterns.Count; i++)
        {
            try
            {
                _ = new Regex(redaction.Patterns[i], RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (RegexParseException ex)
            {
                // Neither the pattern nor .NET's message (which quotes it) is echoed: a pattern may itself spell a secret.
                errors.Add($"{key}:Patterns:{i}: is not a valid regular expression ({ex.Error} at offset {ex.Offset})");
            }
            catch (ArgumentException)
            {
                errors.Add($"{key}:Patterns:{i}: is not a valid regular expression");
            }
        }

        for (var i = 0; i < redaction.InternalHosts.Count; i++)
        {
            if (Uri.CheckHostName(redaction.InternalHosts[i]) is UriHostNameType.Unknown or UriHostNameType.Basic)
            {
                errors.Add($"{key}:InternalHosts:{i}: '{redaction.InternalHosts[i]}' is not a host name (e.g. dev.gitlab.example.com)");
            }
        }

        for (var i = 0; i < redaction.PublicPaths.Count; i++)
        {
            if (!PublicPath().IsMatch(redaction.PublicPaths[i].Trim().Trim('/')))
            {
                errors.Add($"{key}:PublicPaths:{i}: '{redaction.PublicPaths[i]}' is not a project path ('group/project' or 'group/*')");
            }
        }
    }

    private static void CheckNames(string key, List<string> names, List<string> errors)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]) || names[i].Contains(',', StringComparison.Ordinal))
            {
                errors.Add($"{key}:{i}: '{names[i]}' is not a label name (empty or contains a comma)");
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex UserName();

    [GeneratedRegex(@"^[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*(?:/\*)?$")]
    private static partial Regex PublicPath();
}
