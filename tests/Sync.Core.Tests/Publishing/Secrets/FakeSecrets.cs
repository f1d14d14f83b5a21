using System.Text;

namespace Sync.Core.Tests.Publishing.Secrets;

/// <summary>
/// Obviously fake secrets, built at run time from a fixed seed so no secret scanner finds one in the repository:
/// the prefixes are split and the random parts never appear in the source.
/// </summary>
internal static class FakeSecrets
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string Alnum = Upper + Lower + Digits;

    public static string GitLabPat { get; } = "gl" + "pat-" + Random(Alnum, 20, 1);

    public static string GitLabPatLong { get; } = "gl" + "pat-" + Random(Alnum, 26, 2);

    public static string GitLabDeployToken { get; } = "gl" + "dt-" + Random(Alnum, 20, 3);

    public static string GitLabRoutable { get; } = "gl" + "pat-" + Random(Alnum, 30, 4) + "." + "01" + "." + Random(Lower + Digits, 9, 5);

    public static string GitHubPat { get; } = "gh" + "p_" + Random(Alnum, 36, 6);

    public static string AwsKeyId { get; } = "AK" + "IA" + Random(Upper + "234567", 16, 7);

    public static string AwsSecretAccessKey { get; } = Random(Alnum + "/+", 40, 8);

    public static string SlackBot { get; } = "xo" + "xb-" + Random(Digits, 12, 9) + "-" + Random(Digits, 13, 10) + "-" + Random(Alnum, 24, 11);

    public static string Stripe { get; } = "sk" + "_live_" + Random(Alnum, 24, 12);

    public static string GoogleApiKey { get; } = "AI" + "za" + Random(Alnum, 35, 13);

    /// <summary>Header {"alg":"HS256"}, payload {"sub":"1234567890"}, random signature.</summary>
    public static string Jwt { get; } = "ey" + "JhbGciOiJIUzI1NiJ9." + "ey" + "JzdWIiOiIxMjM0NTY3ODkwIn0." + Random(Alnum, 43, 14);

    public static string Password { get; } = "Hunter" + Random(Alnum, 6, 15) + "!";

    public static string OpaqueBearer { get; } = Random(Alnum, 32, 16);

    public static string Pem(string kind = "RSA") =>
        $"-----BEGIN {kind} PRIVATE" + " KEY-----\n" + Base64Lines(3, 17) + $"\n-----END {kind} PRIVATE" + " KEY-----";

    public static string PgpBlock() =>
        "-----BEGIN PGP PRIVATE" + " KEY BLOCK-----\n\n" + Base64Lines(3, 18) + "\n=" + Random(Alnum, 4, 19) + "\n-----END PGP PRIVATE" + " KEY BLOCK-----";

    public static string PuTTY() =>
        "PuTTY-User-" + "Key-File-3: ssh-ed25519\nEncryption: none\nComment: fake-key-for-tests\nPublic-Lines: 2\n"
        + Base64Lines(2, 20) + "\nPrivate-Lines: 1\n" + Base64Lines(1, 21) + "\nPrivate-MAC: " + Random("0123456789abcdef", 64, 22);

    public static string Random(string alphabet, int length, int seed)
    {
        var random = new Random(seed);
        var result = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            result.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return result.ToString();
    }

    private static string Base64Lines(int lines, int seed) =>
        string.Join('\n', Enumerable.Range(0, lines).Select(i => Random(Alnum + "+/", 64, (seed * 100) + i)));
}
