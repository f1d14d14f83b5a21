namespace Sync.Core.Tests.Publishing.Secrets;

/// <param name="Spans">Exactly the spans of the text that must be removed, in order.</param>
internal sealed record SecretCase(string Text, (int Start, int Length)[] Spans);

/// <summary>
/// True positives: each kind of secret in its plain form and in the glued or encoded forms a hostile (or merely
/// copy-pasted) text uses, with the exact span of the original text that has to go.
/// </summary>
internal static class SecretCases
{
    /// <summary>Tokens recognised by their own shape; the encoded forms are generated for each.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tokens = new Dictionary<string, string>
    {
        ["gitlab personal token"] = FakeSecrets.GitLabPat,
        ["gitlab deploy token"] = FakeSecrets.GitLabDeployToken,
        ["gitlab routable token"] = FakeSecrets.GitLabRoutable,
        ["github token"] = FakeSecrets.GitHubPat,
        ["aws access key id"] = FakeSecrets.AwsKeyId,
        ["slack bot token"] = FakeSecrets.SlackBot,
        ["stripe secret key"] = FakeSecrets.Stripe,
        ["google api key"] = FakeSecrets.GoogleApiKey,
        ["jwt"] = FakeSecrets.Jwt,
    };

    public static readonly IReadOnlyDictionary<string, SecretCase> All = Build();

    private static Dictionary<string, SecretCase> Build()
    {
        var cases = new Dictionary<string, SecretCase>();
        foreach (var (kind, token) in Tokens)
        {
            foreach (var (form, (text, start, length)) in TokenForms(token))
            {
                cases[$"{kind}, {form}"] = new SecretCase(text, [(start, length)]);
            }
        }

        var secret = FakeSecrets.AwsSecretAccessKey;
        Add(cases, "aws secret access key, env", "AWS_SECRET_ACCESS_KEY=", secret, "\nAWS_REGION=eu-west-1");
        Add(cases, "aws secret access key, ini", "[default]\naws_secret_access_key = ", secret, "\n");
        Add(cases, "aws secret access key, json", "{\"AccessKeyId\": \"x\", \"SecretAccessKey\": \"", secret, "\"}");
        Add(cases, "aws secret access key, yaml secret_key", "s3:\n  secret_key: ", secret, "\n");
        Add(cases, "aws secret access key, cli", "aws configure set aws_secret_access_key ", secret, "\n");
        Add(cases, "aws secret access key, html-encoded equals", "aws_secret_access_key&#61;", secret, " end");
        Add(cases, "aws secret access key, zero-width in the name", "aws_secret\u200B_access_key = ", secret, " end");
        Add(cases, "aws secret access key, percent-encoded", "aws%5Fsecret%5Faccess%5Fkey%3D", secret, "%20end");

        var password = FakeSecrets.Password;
        Add(cases, "connection string password", "Server=db;User Id=sa;Password=", password, ";Database=app");
        // gitleaks' database-password allows ';' and '=' in the value, so it runs on through the next setting.
        cases["connection string pwd"] = new SecretCase($"Server=db;Uid=app;Pwd={password};Port=5432", [(22, password.Length + ";Port=5432".Length)]);
        Add(cases, "connection string quoted password", "Host=db;Password=\"", "a;" + password, "\";Port=5432");
        Add(cases, "connection string password at the end", "Data Source=db;Initial Catalog=x;Password=", password, "");
        Add(cases, "connection string one-character password", "Server=db;Password=", "x", ";");
        Add(cases, "env file password", "DB_PASSWORD=", password, "\n");
        Add(cases, "connection string password, zero-width in the key", "Server=db;Pass\u200Bword=", password, ";");
        Add(cases, "connection string password, html-encoded equals", "Server=db;Password&#61;", password, ";");
        Add(cases, "connection string password, percent-encoded", "Server%3Ddb%3BPassword%3D", password, "%3B");

        Add(cases, "url password", "DATABASE_URL=postgres://app:", password, "@db.example.com:5432/app");
        Add(cases, "url password without user", "redis://:", password, "@cache:6379/0");
        Add(cases, "url password containing @", "see https://deploy:", "p@" + password, "@git.example.com/repo.git for the mirror");
        Add(cases, "url password in a markdown link", "[mirror](https://bot:", password, "@mirror.example.com/x)");
        Add(cases, "url password, html-encoded colon", "https://bot&#58;", password, "@mirror.example.com/x");
        Add(cases, "url password, zero-width in the scheme", "ht\u200Btps://bot:", password, "@mirror.example.com/x");

        var bearer = FakeSecrets.OpaqueBearer;
        Add(cases, "authorization header", "-H 'Authorization: Bearer ", bearer, "'");
        Add(cases, "authorization header in json", "{\"authorization\": \"token ", bearer, "\"}");

        var pem = FakeSecrets.Pem();
        Add(cases, "pem private key", "key:\n", pem, "\nthanks");
        Add(cases, "pem openssh private key", "```\n", FakeSecrets.Pem("OPENSSH"), "\n```");
        Add(cases, "pem private key, unterminated", "here it is\n", pem[..pem.IndexOf("-----END", StringComparison.Ordinal)], "");
        Add(cases, "pem private key, pasted on one line", "key ", pem.Replace('\n', ' '), " ok");
        Add(cases, "pem private key, escaped newlines in json", "{\"key\": \"", pem.Replace("\n", "\\n", StringComparison.Ordinal), "\"}");
        Add(cases, "pem private key, markdown-escaped dashes", "key:\n", pem.Replace("-----", @"\-\-\-\-\-", StringComparison.Ordinal), "\nthanks");
        Add(cases, "pem private key, zero-width in the header", "key:\n", pem.Replace("PRIVATE KEY", "PRIVATE\u200B KEY", StringComparison.Ordinal), "\nthanks");

        var pgp = FakeSecrets.PgpBlock();
        Add(cases, "pgp private key block", "my key:\n", pgp, "\n");
        Add(cases, "pgp private key block, unterminated", "my key:\n", pgp[..pgp.IndexOf("-----END", StringComparison.Ordinal)], "");
        Add(cases, "pgp private key block, zero-width in the header", "my key:\n", pgp.Replace("BEGIN PGP", "BEGIN\u2060 PGP", StringComparison.Ordinal), "\n");

        var putty = FakeSecrets.PuTTY();
        Add(cases, "putty private key", "attached:\n", putty, "\nplease rotate");
        Add(cases, "putty private key, unterminated", "attached:\n", putty[..putty.IndexOf("Private-Lines", StringComparison.Ordinal)], "");
        Add(cases, "putty private key, zero-width in the header", "attached:\n", putty.Replace("User-Key", "User\u200B-Key", StringComparison.Ordinal), "\nplease rotate");
        return cases;
    }

    private static void Add(Dictionary<string, SecretCase> cases, string name, string before, string secret, string after) =>
        cases[name] = new SecretCase(before + secret + after, [(before.Length, secret.Length)]);

    /// <summary>The token alone, glued to what a text puts before it, and spelled with encodings inside it.</summary>
    private static IEnumerable<(string Form, (string Text, int Start, int Length))> TokenForms(string token)
    {
        (string, int, int) Around(string before, string spelled, string after = " in the log") => (before + spelled + after, before.Length, spelled.Length);

        yield return ("plain", Around("found ", token));
        yield return ("at the very start and end", Around("", token, ""));
        yield return ("after an underscore", Around("found x_", token));
        yield return ("after a digit", Around("found 7", token));
        yield return ("after %20", Around("found%20", token, "%20in%20the%20log"));
        yield return ("after =", Around("token=", token));
        yield return ("after a zero-width space", Around("found id\u200B", token));
        yield return ("after a zero-width joiner", Around("found id\u200D", token));
        yield return ("after &#95;", Around("found x&#95;", token));
        yield return ("after a percent-encoded letter", Around("found %4A", token));
        yield return ("in backticks", Around("found `", token, "` in the log"));
        yield return ("zero-width space inside", Around("found ", token[..6] + "\u200B" + token[6..]));
        yield return ("soft hyphen inside", Around("found ", token[..9] + "\u00AD" + token[9..]));
        yield return ("html reference inside", Around("found ", token[..8] + $"&#{(int)token[8]};" + token[9..]));
        yield return ("hex html reference inside", Around("found ", token[..7] + $"&#x{(int)token[7]:x};" + token[8..]));
        yield return ("percent-encoded inside", Around("found ", token[..10] + $"%{(int)token[10]:X2}" + token[11..]));
        var escaped = token.Replace("_", @"\_", StringComparison.Ordinal).Replace("-", @"\-", StringComparison.Ordinal);
        if (escaped != token)
        {
            yield return ("markdown-escaped", Around("found ", escaped));
        }
    }
}
