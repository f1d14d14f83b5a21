using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Sync.Core.Moving;
using Sync.Core.Rice;
using Sync.Core.Roadmap;
using Sync.Core.Votes;

namespace Sync.Worker.Configuration;

// Ranges are data annotations on the options types (Core's rules are the options); these validators are generated
// from them by Microsoft.Extensions.Options' source generator. Only cross-field rules are written by hand.

[OptionsValidator]
internal sealed partial class MoveRulesAnnotations : IValidateOptions<MoveRules>;

[OptionsValidator]
internal sealed partial class ForumRulesAnnotations : IValidateOptions<Sync.Core.Forums.ForumRules>;

[OptionsValidator]
internal sealed partial class VoteRulesAnnotations : IValidateOptions<VoteRules>;

[OptionsValidator]
internal sealed partial class RiceRulesAnnotations : IValidateOptions<RiceRules>;

// GitHubProject has its own validator, run by RoadmapValidation when set: Core has no Options package for [ValidateObjectMembers].
#pragma warning disable SYSLIB1212
[OptionsValidator]
internal sealed partial class RoadmapRulesAnnotations : IValidateOptions<RoadmapRules>;
#pragma warning restore SYSLIB1212

[OptionsValidator]
internal sealed partial class LifecycleRulesAnnotations : IValidateOptions<Sync.Core.Lifecycle.LifecycleRules>;

[OptionsValidator]
internal sealed partial class ProjectBoardAnnotations : IValidateOptions<ProjectBoardOptions>;

[OptionsValidator]
internal sealed partial class IssueSyncAnnotations : IValidateOptions<IssueSyncOptions>;

/// <summary>
/// Runs a generated validator with the configuration key as the options name and turns each failure into the
/// one-line form <c>&lt;key&gt;:&lt;member&gt;: &lt;message&gt;</c>, the message being the annotation's own
/// <see cref="ValidationAttribute.ErrorMessage"/> (<c>{1}</c>, <c>{2}</c>: the range; <c>{value}</c>: the value). The
/// generated range check ignores <c>ErrorMessage</c> and says "The field &lt;key&gt;.&lt;member&gt; must be ...", which
/// names the member path (<c>&lt;key&gt;.&lt;member&gt;.&lt;member&gt;</c> through <c>[ValidateObjectMembers]</c>).
/// </summary>
internal static class AnnotatedOptions
{
    public static void Validate<T>(IValidateOptions<T> validator, string key, T options, List<string> errors)
        where T : class
    {
        var result = validator.Validate(key, options);
        if (!result.Failed)
        {
            return;
        }

        var path = new Regex(Regex.Escape(key) + @"\.([A-Za-z0-9_.]*[A-Za-z0-9_])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        foreach (var failure in result.Failures)
        {
            var members = path.Match(failure) is { Success: true } match ? match.Groups[1].Value.Split('.') : [];
            object? value = options;
            PropertyInfo? property = null;
            foreach (var member in members)
            {
                property = value?.GetType().GetProperty(member);
                value = property?.GetValue(value);
            }

            if (property?.GetCustomAttribute<RangeAttribute>() is not { ErrorMessage: { } message } range)
            {
                errors.Add($"{key}: {failure}");
                continue;
            }

            var memberKey = $"{key}:{string.Join(':', members)}";
            var text = value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString();
            var line = string.Format(CultureInfo.InvariantCulture, message, memberKey, range.Minimum, range.Maximum);
            errors.Add($"{memberKey}: {line.Replace("{value}", text, StringComparison.Ordinal)}");
        }
    }
}
