namespace Sync.Worker.Configuration;

/// <summary>Rules of a product's release notes settings; each error names its key.</summary>
internal static class ReleaseNotesValidation
{
    public static void Validate(string key, ReleaseNotesOptions releaseNotes, List<string> errors)
    {
        _ = (key, releaseNotes, errors);
    }
}
