namespace Sync.Worker.Tests.Hosting;

/// <summary>Every bad configuration stops the process with exit code 2 and one line naming the key.</summary>
[Collection(HostCollection.Name)]
public sealed class ConfigurationErrorTests
{
    private const string Secret = "s3cr3t-token-value";

    private static string[] ValidConfiguration(string sqlitePath) =>
    [
        "--IssueSync:Trackers:dev:Kind=GitLab",
        "--IssueSync:Trackers:dev:ApiUrl=http://127.0.0.1:9/api/v4",
        $"--IssueSync:Trackers:dev:Token={Secret}",
        "--IssueSync:Trackers:pub:Kind=GitHub",
        "--IssueSync:Trackers:pub:ApiUrl=http://127.0.0.1:9/api/v3",
        $"--IssueSync:Trackers:pub:Token={Secret}",
        "--IssueSync:Products:widget:Public=pub:acme/widget",
        "--IssueSync:Products:widget:Sources:0:Project=dev:acme/widget",
        $"--IssueSync:Storage:SqlitePath={sqlitePath}",
    ];

    public static TheoryData<string, string, string> BadConfigurations => new()
    {
        { "unknown tracker kind", "--IssueSync:Trackers:dev:Kind=Gitlub", "IssueSync:Trackers:dev:Kind: 'Gitlub' is not a tracker kind" },
        { "relative API URL", "--IssueSync:Trackers:dev:ApiUrl=gitlab.example.com/api/v4", "IssueSync:Trackers:dev:ApiUrl: 'gitlab.example.com/api/v4' is not an absolute http(s) URL" },
        { "non-http API URL", "--IssueSync:Trackers:dev:ApiUrl=ftp://gitlab.example.com/api/v4", "IssueSync:Trackers:dev:ApiUrl: 'ftp://gitlab.example.com/api/v4' is not an absolute http(s) URL" },
        { "GitLab URL without /api/v4", "--IssueSync:Trackers:dev:ApiUrl=https://gitlab.example.com", "IssueSync:Trackers:dev:ApiUrl: 'https://gitlab.example.com' is not a GitLab REST v4 root" },
        { "GitHub kind on a GitLab URL", "--IssueSync:Trackers:pub:ApiUrl=https://gitlab.example.com/api/v4", "IssueSync:Trackers:pub:ApiUrl: 'https://gitlab.example.com/api/v4' is a GitLab API root but Kind is GitHub" },
        { "missing token", "--IssueSync:Trackers:dev:Token=", "IssueSync:Trackers:dev:Token: is missing" },
        { "tracker named csv", "--IssueSync:Trackers:csv:Kind=GitLab|--IssueSync:Trackers:csv:ApiUrl=http://127.0.0.1:9/api/v4|--IssueSync:Trackers:csv:Token=t", "IssueSync:Trackers:csv: the tracker name 'csv' is reserved for the built-in tracker of CSV imports (projects csv:<product>/import); name this tracker differently" },
        { "built-in kind configured", "--IssueSync:Trackers:dev:Kind=CsvImport", "IssueSync:Trackers:dev:Kind: 'CsvImport' is not a tracker kind (expected GitLab or GitHub" }, // other configurable kinds may follow in the list
        { "Discourse without Api-Username", $"--IssueSync:Trackers:forum:Kind=Discourse|--IssueSync:Trackers:forum:ApiUrl=http://127.0.0.1:9/|--IssueSync:Trackers:forum:Token={Secret}", "IssueSync:Trackers:forum:Username: is missing (the Discourse account the token acts as, sent as Api-Username)" },
        { "unknown tracker in public project", "--IssueSync:Products:widget:Public=public:acme/widget", "IssueSync:Products:widget:Public: unknown tracker 'public' in 'public:acme/widget' (configured: dev, pub)" },
        { "malformed source reference", "--IssueSync:Products:widget:Sources:0:Project=acme/widget", "IssueSync:Products:widget:Sources:0:Project: 'acme/widget' is not of the form '<tracker>:<group>/<project>'" },
        { "reference without project path", "--IssueSync:Products:widget:Sources:0:Project=dev:widget", "IssueSync:Products:widget:Sources:0:Project: 'dev:widget' has no valid project path" },
        { "unknown tracker in source", "--IssueSync:Products:widget:Sources:0:Project=gitlab:acme/widget", "IssueSync:Products:widget:Sources:0:Project: unknown tracker 'gitlab'" },
        { "source equals public", "--IssueSync:Products:widget:Sources:0:Project=pub:acme/widget", "IssueSync:Products:widget:Sources:0:Project: 'pub:acme/widget' is the product's public project" },
        { "bad cron", "--IssueSync:Products:widget:Schedule:Move=*/15 * * *", "IssueSync:Products:widget:Schedule:Move: '*/15 * * *' has 4 field(s)" },
        { "cron value out of range", "--IssueSync:Products:widget:Schedule:Roadmap=0 25 * * *", "IssueSync:Products:widget:Schedule:Roadmap: '0 25 * * *': hour field '25' is out of range (0-23)" },
        { "old single pipeline cron", "--IssueSync:Products:widget:Schedule:Pipeline=*/15 * * * *", "IssueSync:Products:widget:Schedule:Pipeline: replaced by one cron per stage: Schedule:Move, Schedule:Votes, Schedule:Lifecycle, Schedule:Rice, Schedule:Roadmap and Schedule:Releases" },
        { "metrics path without slash", "--IssueSync:Metrics:Path=metrics", "IssueSync:Metrics:Path: 'metrics' must start with '/'" },
        { "metrics switch not a boolean", "--IssueSync:Metrics:Enabled=sometimes", "IssueSync:Metrics:Enabled" },
        { "roadmap sizes", "--IssueSync:Products:widget:Roadmap:Enabled=true|--IssueSync:Products:widget:Roadmap:NowSize=-1", "IssueSync:Products:widget:Roadmap:NowSize: -1 is outside 0 to 200" },
        { "roadmap shipped window", "--IssueSync:Products:widget:Roadmap:Enabled=true|--IssueSync:Products:widget:Roadmap:ShippedDays=0", "IssueSync:Products:widget:Roadmap:ShippedDays: 0 is outside 1 to 365" },
        { "roadmap label scope", "--IssueSync:Products:widget:Roadmap:Enabled=true|--IssueSync:Products:widget:Roadmap:LabelScope=road::map", "IssueSync:Products:widget:Roadmap:LabelScope: 'road::map' must be a label scope" },
        { "project number", "--IssueSync:Products:widget:Roadmap:Enabled=true|--IssueSync:Products:widget:Roadmap:GitHubProject:Owner=acme|--IssueSync:Products:widget:Roadmap:GitHubProject:Number=0", "IssueSync:Products:widget:Roadmap:GitHubProject:Number: 0 must be the project number from its URL (1 or more)" },
        { "unknown time zone", "--IssueSync:Products:widget:Schedule:TimeZone=Mars/Olympus", "IssueSync:Products:widget:Schedule:TimeZone: 'Mars/Olympus' is not a known time zone" },
        { "bad connection string", "--ConnectionStrings:IssueSync=Hots=db;Pasword=x", "ConnectionStrings:IssueSync: is not a valid PostgreSQL connection string" },
        { "limit out of range", "--IssueSync:Trackers:dev:Limits:ReadConcurrency=0", "IssueSync:Trackers:dev:Limits:ReadConcurrency must be at least 1" },
        { "limit not a duration", "--IssueSync:Trackers:pub:Limits:MaxWait=soon", "IssueSync:Trackers:pub:Limits: Failed to convert configuration value" },
        { "bad redaction pattern", "--IssueSync:Products:widget:Redaction:Patterns:0=ACME-(", "IssueSync:Products:widget:Redaction:Patterns:0: is not a valid regular expression (InsufficientClosingParentheses at offset 6)" },
        { "confidential issues to a GitHub target", "--IssueSync:Products:widget:Sources:0:IncludeConfidential=true", "IssueSync:Products:widget:Sources:0:IncludeConfidential: the public project 'pub:acme/widget' is on GitHub, which has no confidential issues" },
        { "public path not a project path", "--IssueSync:Products:widget:Redaction:PublicPaths:0=https://x/acme", "IssueSync:Products:widget:Redaction:PublicPaths:0: 'https://x/acme' is not a project path ('group/project' or 'group/*')" },
        { "bad internal host", "--IssueSync:Products:widget:Redaction:InternalHosts:0=not a host", "IssueSync:Products:widget:Redaction:InternalHosts:0: 'not a host' is not a host name" },
        { "label both required and excluded", "--IssueSync:Products:widget:Sources:0:ExcludeLabels:0=public", "IssueSync:Products:widget:Sources:0:ExcludeLabels: 'public' is also in Labels" },
        { "zero age window", "--IssueSync:Products:widget:Sources:0:MaxAgeDays=0", "IssueSync:Products:widget:Sources:0:MaxAgeDays: must be at least 1" },
        { "empty moved label", "--IssueSync:Products:widget:Sources:0:MovedLabel=", "IssueSync:Products:widget:Sources:0:MovedLabel: is empty" },
        { "empty label mapping", "--IssueSync:Products:widget:Sources:0:LabelMap:bug=", "IssueSync:Products:widget:Sources:0:LabelMap:bug: maps to an empty label name" },
        { "bad user mapping", "--IssueSync:Products:widget:Sources:0:UserMap:alice=a b", "IssueSync:Products:widget:Sources:0:UserMap:alice: 'a b' is not a username" },
        { "source shared by two products", "--IssueSync:Products:zeta:Public=pub:acme/zeta|--IssueSync:Products:zeta:Sources:0:Project=dev:acme/widget", "IssueSync:Products:zeta:Sources:0:Project: 'dev:acme/widget' is already a source of product 'widget'" },
        { "lease not a duration", "--IssueSync:ProductLease=soon", "at 'IssueSync:ProductLease' to type 'System.TimeSpan'" },
        { "lease too short", "--IssueSync:ProductLease=00:00:00.5", "IssueSync:ProductLease: 00:00:00.5000000 is outside 00:00:01 to 01:00:00" },
        { "vote window zero", "--IssueSync:Products:widget:Votes:WindowDays=0", "IssueSync:Products:widget:Votes:WindowDays: 0 is outside 1 to 3650" },
        { "full recount too often", "--IssueSync:Products:widget:Votes:FullRecountEvery=00:05:00", "IssueSync:Products:widget:Votes:FullRecountEvery: 00:05:00 is outside 01:00:00 (an hour) to 30.00:00:00 (30 days)" },
        { "negative emoji weight", "--IssueSync:Products:widget:Votes:ExtraEmoji:heart=-1", "IssueSync:Products:widget:Votes:ExtraEmoji:heart: weight -1 must be a number of at least 0" },
        { "identity on unknown tracker", "--IssueSync:Products:widget:Votes:IdentityMap:0:From=dev:alice|--IssueSync:Products:widget:Votes:IdentityMap:0:To=gh:alice", "IssueSync:Products:widget:Votes:IdentityMap:0: 'gh:alice' is not '<configured tracker>:<username>'" },
        { "empty SQLite path", "--IssueSync:Storage:SqlitePath=", "IssueSync:Storage:SqlitePath: is empty" },
        { "RICE mode unknown", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:Mode=Sideways", "IssueSync:Products:widget:Rice:Mode: 'Sideways' is neither 'Thresholds' nor 'Percentiles'" },
        { "RICE thresholds out of order", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:Thresholds:Top=10", "IssueSync:Products:widget:Rice:Thresholds: Top 10, High 20, Medium 5 must be scores with Top >= High >= Medium >= 0" },
        { "RICE percentiles above 100", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:Percentiles:Medium=150", "IssueSync:Products:widget:Rice:Percentiles: Top 10, High 30, Medium 150 must be cumulative percentages with 0 < Top <= High <= Medium <= 100" },
        { "RICE confidence above 100 %", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:ConfidenceScale:100=150", "IssueSync:Products:widget:Rice:ConfidenceScale:100: 150 must be above 0 and at most 100" },
        { "RICE impact scale value zero", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:ImpactScale:huge=0", "IssueSync:Products:widget:Rice:ImpactScale:huge: 0 must be above 0" },
        { "RICE reminder days negative", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:NeedsInputReminderDays=-1", "IssueSync:Products:widget:Rice:NeedsInputReminderDays: -1 is outside 0 to 365 days (0 turns reminders off)" },
        { "RICE reminder label in the bucket scope", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:NeedsInputReminderLabel=rice::stale", "IssueSync:Products:widget:Rice:NeedsInputReminderLabel: 'rice::stale' must be a label outside the 'rice::' bucket scope, not the override label, with no ','" },
        { "RICE default confidence zero", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:DefaultConfidence=0", "IssueSync:Products:widget:Rice:DefaultConfidence: 0 must be a percentage above 0 and at most 100" },
        { "RICE months per weight zero", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:MonthsPerWeight=0", "IssueSync:Products:widget:Rice:MonthsPerWeight: 0 must be a number of person-months above 0" },
        { "RICE scope with ::", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:Scope=rice::x", "IssueSync:Products:widget:Rice:Scope: 'rice::x' must be a label scope such as 'rice' (not empty, no '::' or ',')" },
        { "RICE effort scope empty", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:EffortScope=", "IssueSync:Products:widget:Rice:EffortScope: '' must be a label scope such as 'rice' (not empty, no '::' or ',')" },
        { "RICE override is a bucket label", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:OverrideLabel=rice::top", "IssueSync:Products:widget:Rice:OverrideLabel: 'rice::top' is one of the bucket labels it is meant to protect" },
        { "RICE override with a comma", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:OverrideLabel=rice,manual", "IssueSync:Products:widget:Rice:OverrideLabel: 'rice,manual' must be a label name (not empty, no ',')" },
        { "RICE negative reach label", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:ReachLabels:customer=-5", "IssueSync:Products:widget:Rice:ReachLabels:customer: -5 must be a number of at least 0" },
        { "RICE negative reach per voter", "--IssueSync:Products:widget:Rice:Enabled=true|--IssueSync:Products:widget:Rice:ReachPerVoter=-1", "IssueSync:Products:widget:Rice:ReachPerVoter: -1 must be a number of at least 0" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task Start_WithBadConfiguration_ExitsWith2AndOneLineNamingTheKey(string why, string badValue, string expected)
    {
        var args = ValidConfiguration(InProcessApp.TempPath("state.db")).Concat(badValue.Split('|')).Append("--once").ToArray();

        var (code, _, error) = await InProcessApp.RunAsync(args);

        Assert.True(code == 2, $"{why}: exit code {code}, stderr: {error}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithNoProducts_ExplainsHowToRunTheDemo()
    {
        var (code, _, error) = await InProcessApp.RunAsync("--once", $"--IssueSync:Storage:SqlitePath={InProcessApp.TempPath("s.db")}");

        Assert.Equal(2, code);
        Assert.Contains("IssueSync:Products: no product is configured", error, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/Sync.Demo", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithTokenContainingLineBreak_NeverEchoesTheToken()
    {
        var args = ValidConfiguration(InProcessApp.TempPath("s.db")).Append($"--IssueSync:Trackers:dev:Token={Secret} x").Append("--once").ToArray();

        var (code, output, error) = await InProcessApp.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("IssueSync:Trackers:dev:Token: contains whitespace", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAnInvalidRedactionPattern_NeverEchoesThePattern()
    {
        // A pattern may spell the very secret it is meant to catch: neither it nor .NET's message (which quotes it) is printed.
        const string Pattern = "hunter2-customer-(";
        var args = ValidConfiguration(InProcessApp.TempPath("s.db")).Append($"--IssueSync:Products:widget:Redaction:Patterns:0={Pattern}").Append("--once").ToArray();

        var (code, output, error) = await InProcessApp.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("IssueSync:Products:widget:Redaction:Patterns:0: is not a valid regular expression", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error + output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dry-run", "--dry-run only works together with --once, --import-csv or --release-notes")]
    [InlineData("--once --summary-json", "--summary-json needs a value")]
    [InlineData("--sandbox-port 70000", "--sandbox-port: '70000' is not a whole number from 0 to 65535")]
    [InlineData("--sandbox-failed-move maybe", "--sandbox-failed-move: 'maybe' is neither on nor off")]
    public async Task Start_WithMisusedSwitch_ExitsWith2(string args, string expected)
    {
        var (code, _, error) = await InProcessApp.RunAsync(args.Split(' '));

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
