using System.Text.RegularExpressions;
using Sync.Core.Moving;

namespace Sync.Worker.Configuration;

/// <summary>Checks of a product's redaction; each error starts with its key. (A source's move rules check themselves: <c>MoveRules.Validate</c>.)</summary>
internal static partial class RedactionValidation
{
    public static void Validate(string key, RedactionRules redaction, List<string> errors)
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

    [GeneratedRegex(@"^[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*(?:/\*)?$")]
    private static partial Regex PublicPath();
}
