using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sync.Worker.Dashboard;

/// <summary>
/// A dashboard password as PBKDF2-HMAC-SHA256 in a self-describing form,
/// <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;base64 salt&gt;$&lt;base64 hash&gt;</c>, so the cost can be raised later
/// without breaking the hashes already configured.
/// </summary>
internal sealed class PasswordHash
{
    public const string Scheme = "pbkdf2-sha256";
    public const int MinIterations = 100_000;

    /// <summary>Hashes made by <c>--hash-password</c>; every request with credentials pays this once.</summary>
    public const int DefaultIterations = 210_000;

    // A ceiling keeps a configured hash from turning every request into seconds of CPU.
    private const int MaxIterations = 10_000_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly int iterations;
    private readonly byte[] salt;
    private readonly byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /// <summary>A fresh salt and the hash of <paramref name="password"/>, in the configuration form.</summary>
    public static string Create(string password, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, iterations, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool TryParse(string? text, out PasswordHash? parsed)
    {
        parsed = null;
        var parts = text?.Trim().Split('$') ?? [];
        if (parts.Length != 4
            || !string.Equals(parts[0], Scheme, StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < MinIterations or > MaxIterations
            || !TryBase64(parts[2], out var salt) || salt.Length < SaltBytes
            || !TryBase64(parts[3], out var hash) || hash.Length < 16 || hash.Length > 64)
        {
            return false;
        }

        parsed = new PasswordHash(iterations, salt, hash);
        return true;
    }

    /// <summary>Parses a hash already validated at start-up; the message never contains the text.</summary>
    public static PasswordHash Parse(string? text) =>
        TryParse(text, out var parsed) ? parsed! : throw new FormatException($"not a valid {Scheme} hash");

    /// <summary>Whether <paramref name="password"/> matches; the comparison takes the same time wherever they differ.</summary>
    public bool Verify(string password) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations, hash.Length), hash);

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
