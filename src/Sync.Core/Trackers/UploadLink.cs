using System.Text.RegularExpressions;

namespace Sync.Core.Trackers;

/// <summary>TEMPORARY stand-in until the strict parser lands: <c>/uploads/&lt;32 hex&gt;/&lt;one clean name&gt;</c>.</summary>
public sealed partial record UploadLink(string Secret, string FileName)
{
    public string Path => $"/uploads/{Secret}/{FileName}";

    public static bool TryParse(string link, out UploadLink? upload)
    {
        upload = null;
        var m = Shape().Match(link);
        if (!m.Success)
        {
            return false;
        }

        string name;
        try
        {
            name = Uri.UnescapeDataString(m.Groups[2].Value);
        }
        catch (UriFormatException)
        {
            return false;
        }

        if (!CleanName().IsMatch(name) || name.All(c => c == '.'))
        {
            return false;
        }

        upload = new UploadLink(m.Groups[1].Value, name);
        return true;
    }

    [GeneratedRegex(@"^/uploads/([0-9a-f]{32})/([^/?#\\;]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^[\p{L}\p{N}_.+\-]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex CleanName();
}
