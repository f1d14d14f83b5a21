using Sync.Core.Publishing.Secrets;

namespace Sync.Core.Tests.Publishing.Secrets;

/// <summary>Ordinary issue text that must come through untouched: redaction that cries wolf gets turned off.</summary>
public sealed class SecretScannerFalsePositiveTests
{
    private static readonly SecretScanner Scanner = new(SecretRuleSet.Default);

    private static readonly Dictionary<string, string> Texts = new()
    {
        ["english prose"] = """
            When I save the settings page the request fails with a 500. The access log says the token expired, so I created
            a new key, but the password policy still rejects the change. Our secret rotation job ran at midnight; the
            credential store shows nothing unusual. Authentication works in the mobile app and the API returns 401 only
            for the admin account. Could someone with access to the deployment look at it? Thanks in advance!
            """,
        ["markdown with urls"] = """
            ## Steps to reproduce
            1. Open [the docs](https://docs.gitlab.com/ee/api/rest/#authentication) and follow *Personal access tokens*.
            2. See <https://github.com/octo-org/octo-repo/issues/42#issuecomment-1234567890> and
               https://example.com/search?q=api+key&page=2#results for the workaround.
            3. Compare with ![diagram](https://example.com/img/flow.svg "auth flow") and `ssh://git@gitlab.com:2222/group/repo.git`.

            > **Note:** the `api_key` field is required; set `token_file: /etc/app/token` instead of inlining the value.
            """,
        ["hex colours"] = "Use #ff8800 for warnings, #1F2937 for text and #abc for links; rgb(255, 136, 0) is the same orange.",
        ["git shas"] = """
            Bisected to 3f2c9a1b7e4d5c6f8a9b0c1d2e3f4a5b6c7d8e9f (short 3f2c9a1); reverting e83c5163316f89bfbde7d9ab23ca2e25604af290 fixes it.
            Compare https://gitlab.com/group/project/-/compare/3f2c9a1b...e83c5163 and commit 0123456789abcdef0123456789abcdef01234567.
            """,
        ["uuids"] = "Request 123e4567-e89b-12d3-a456-426614174000 and tenant 550E8400-E29B-41D4-A716-446655440000 both failed.",
        ["version numbers"] = "Broken since v1.2.3 (was fine in 1.2.2); .NET 10.0.401, Node 20.11.1, 1.0.0-rc.1+build.5 and 2024.05.01.",
        ["gitlab upload link"] = "![crash](/uploads/0123456789abcdef0123456789abcdef/crash.png) and [log](/uploads/fedcba9876543210fedcba9876543210/app.log)",
        ["hidden move marker"] = "<!-- issuesync:moved-from dev-10238 -->\nMoved from the private tracker.",
        ["code with settings"] = """
            ```csharp
            var options = new TokenOptions { Lifetime = TimeSpan.FromMinutes(5), Issuer = "issuesync" };
            services.AddAuthentication().AddJwtBearer(o => o.Authority = configuration["Auth:Authority"]);
            if (password.Length < 12) throw new ArgumentException("password too short");
            ```
            """,
        ["config with placeholders"] = """
            DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app
            Password=<password>;User Id=app
            Pwd=%DB_PWD%
            REDIS_URL=redis://cache:6379/0
            """,
        ["redacted text"] = """
            token: [REDACTED]
            Server=db;Password=[REDACTED];Database=app
            postgres://app:[REDACTED]@db:5432/app
            Authorization: Bearer [REDACTED]
            aws_secret_access_key = [REDACTED]
            """,
        ["talk about keys"] = """
            The file should start with -----BEGIN OPENSSH PRIVATE KEY----- and PuTTY keys start with PuTTY-User-Key-File-3: so
            convert it with puttygen first. Secret keys live in Vault; see the AWS page on the secret access key.
            """,
        ["percent and entities in prose"] = "Coverage went from 85% to 90%; use &amp; in HTML, &lt;b&gt; for bold, and \\_ to escape underscores.",
    };

    public static TheoryData<string> Names => new(Texts.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Scan_OrdinaryText_FindsNothing(string name)
    {
        Assert.Empty(Scanner.Scan(Texts[name]));
    }

    [Fact]
    public void Scan_AllOrdinaryTextsTogether_FindsNothing()
    {
        Assert.Empty(Scanner.Scan(string.Join("\n\n", Texts.Values)));
    }
}
