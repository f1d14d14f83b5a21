using System.Net.Http.Headers;
using System.Text;

namespace Sync.Worker.Dashboard;

/// <summary>Reads an HTTP Basic <c>Authorization</c> header (RFC 7617, UTF-8).</summary>
internal static class BasicCredentials
{
    // Longer headers are cut here rather than decoded: no configured name and password come near it.
    private const int MaxBytes = 4096;

    public static bool TryRead(HttpRequest request, out string name, out string password)
    {
        name = password = string.Empty;
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Math.Min(header.Parameter.Length, MaxBytes)];
        if (!Convert.TryFromBase64String(header.Parameter, bytes, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        (name, password) = (text[..colon], text[(colon + 1)..]);
        return true;
    }
}
