using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Sync.Core.Trackers;

/// <summary>
/// A GitLab project upload link, <c>/uploads/&lt;secret&gt;/&lt;file name&gt;</c>, read strictly. This is the one
/// definition of "an upload link" in IssueSync: the move planner finds attachments with it and the GitLab adapter
/// downloads only what it accepts, so hostile text can never steer a request with the token elsewhere.
/// </summary>
/// <remarks>
/// Accepted: exactly <c>/uploads/</c>, 32 lowercase hex digits (GitLab's <c>FileUploader.generate_secret</c> is
/// <c>SecureRandom.hex</c>, and its <c>MARKDOWN_PATTERN</c> only knows <c>[0-9a-f]{32}</c>), <c>/</c>, then one file
/// name that, after ONE percent-decoding (strict UTF-8), is 1..255 characters GitLab itself leaves in upload names:
/// CarrierWave's <c>SanitizedFile.sanitize_regexp</c> <c>/[^[:word:]\.\-\+]/</c> turns everything else into <c>_</c>,
/// and Onigmo's <c>[:word:]</c> is Letter | Mark | Decimal_Number | Connector_Punctuation. A name made only of dots
/// is refused (CarrierWave prefixes those with <c>_</c>). Anything else, including a query, a fragment, <c>;params</c>,
/// a second path segment, a backslash, a leftover <c>%</c> (double encoding), control or format characters and
/// look-alike dots, is not an upload link. An absolute project URL in front is the caller's to strip.
/// </remarks>
public sealed record UploadLink
{
    public const int SecretLength = 32;

    public const int MaxFileNameLength = 255;

    private const string Prefix = "/uploads/";

    // Longest raw form worth decoding: every character of the longest name as 4 UTF-8 bytes, each percent-encoded.
    private const int MaxLinkLength = 64 + (MaxFileNameLength * 4 * 3);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private UploadLink(string secret, string fileName)
    {
        Secret = secret;
        FileName = fileName;
    }

    /// <summary>The 32 lowercase hex digits of the upload.</summary>
    public string Secret { get; }

    /// <summary>The decoded file name: one clean path segment, never <c>.</c> or <c>..</c>.</summary>
    public string FileName { get; }

    /// <summary>The link in canonical form, the name escaped as one path segment; <see cref="TryParse"/> reads it back to an equal value.</summary>
    public string Path => $"{Prefix}{Secret}/{Uri.EscapeDataString(FileName)}";

    public static bool TryParse([NotNullWhen(true)] string? link, [NotNullWhen(true)] out UploadLink? upload)
    {
        upload = null;
        if (link is null
            || link.Length > MaxLinkLength
            || !link.StartsWith(Prefix, StringComparison.Ordinal)
            || link.Length < Prefix.Length + SecretLength + 2
            || link[Prefix.Length + SecretLength] != '/')
        {
            return false;
        }

        var secret = link.Substring(Prefix.Length, SecretLength);
        if (!secret.All(IsLowerHex) || DecodeOnce(link[(Prefix.Length + SecretLength + 1)..]) is not { } name || !IsCleanFileName(name))
        {
            return false;
        }

        upload = new UploadLink(secret, name);
        return true;
    }

    /// <summary>True when <paramref name="name"/> is a file name GitLab could have stored (see the remarks of the type).</summary>
    public static bool IsCleanFileName(string name)
    {
        var count = 0;
        var onlyDots = true;
        foreach (var rune in name.EnumerateRunes())
        {
            if (++count > MaxFileNameLength || !IsNameRune(rune))
            {
                return false;
            }

            onlyDots &= rune.Value == '.';
        }

        // EnumerateRunes yields U+FFFD for a lone surrogate, which IsNameRune refuses, so count covers the whole string.
        return count > 0 && !onlyDots;
    }

    private static bool IsNameRune(Rune rune) =>
        rune.Value is '.' or '-' or '+'
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter
            or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark
            or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.ConnectorPunctuation;

    private static bool IsLowerHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f');

    /// <summary>One percent-decoding pass into bytes, then strict UTF-8; null when an escape or the UTF-8 is malformed.</summary>
    private static string? DecodeOnce(string raw)
    {
        var bytes = new List<byte>(raw.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < raw.Length;)
        {
            if (raw[i] == '%')
            {
                if (i + 2 >= raw.Length || !byte.TryParse(raw.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
                {
                    return null;
                }

                bytes.Add(value);
                i += 3;
                continue;
            }

            if (Rune.DecodeFromUtf16(raw.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return null;
            }

            var written = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < written; b++)
            {
                bytes.Add(utf8[b]);
            }

            i += used;
        }

        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
