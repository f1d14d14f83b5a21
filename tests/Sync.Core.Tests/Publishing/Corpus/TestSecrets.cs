namespace Sync.Core.Tests.Publishing.Corpus;

/// <summary>
/// Fake secrets of real shapes, assembled at run time so that no secret scanner flags this repository. None of them
/// was ever valid.
/// </summary>
internal static class TestSecrets
{
    public static readonly string Glpat = "glpat" + "-" + "Zq8xR2vN5mK1pL7sT4wY";
    public static readonly string Ghp = "ghp" + "_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    public static readonly string GithubPat = "github" + "_pat_" + "11AAAAAAA0abcdefghijklm_nopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTU";
    public static readonly string Slack = "xoxb" + "-" + "1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
    public static readonly string Stripe = "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dcAbCdEfGh";
    public static readonly string Google = "AIza" + "SyD-9tSrke72PouQMnMX7d7rU9aQ4x8kL0Q";
    public static readonly string Jwt = "eyJ" + "hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJ" + "zdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ" + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    public static readonly string AwsKeyId = "AKIA" + "Z5Q2KX7PLM3NRT4W";
    public static readonly string AwsSecret = "wJalrXUtnFEMI" + "/K7MDENG/bPxRfiCYzq3Lw8u5Tr1";
    public static readonly string DbPassword = "Tr0ub4dor" + "-and-3";
    public static readonly string UrlPassword = "hunter" + "2-Secret!";

    public static IEnumerable<string> All => [Glpat, Ghp, GithubPat, Slack, Stripe, Google, Jwt, AwsKeyId, AwsSecret, DbPassword, UrlPassword];
}
