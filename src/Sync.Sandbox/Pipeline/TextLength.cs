namespace Sync.Sandbox.Pipeline;

/// <summary>Text length as the trackers' Rails validations count it: Ruby's <c>String#length</c> counts code points.</summary>
internal static class TextLength
{
    public static int CodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
