using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sync.Worker.Hosting;
using Sync.Worker.Storage.Postgres;
using Sync.Worker.Trackers;

namespace Sync.Worker.Tests.Trackers.Limits;

/// <summary>Which write budget the host gives a tracker: shared per token on PostgreSQL, in memory otherwise. No database is contacted.</summary>
public sealed class SharedWritePacingWiringTests
{
    private const string Token = "ghp-SECRET-token-value-5678";

    [Fact]
    public void Host_WithAPostgresConnectionString_PacesWritesAgainstTheSharedStore()
    {
        using var services = Build(("ConnectionStrings:IssueSync", "Host=127.0.0.1;Port=1;Database=none"));

        var pacer = services.GetRequiredKeyedService<TrackerLimiter>("hub").Pacer;

        Assert.IsType<PostgresWriteBudget>(pacer.Budget);
    }

    [Fact]
    public void Host_WithoutPostgres_PacesWritesInMemory()
    {
        using var services = Build();

        var pacer = services.GetRequiredKeyedService<TrackerLimiter>("hub").Pacer;

        Assert.IsType<InMemoryWriteBudget>(pacer.Budget);
    }

    [Fact]
    public void TokenKey_IsTheTokensSha256_SoEqualTokensShareAndTheTokenIsNotInIt()
    {
        // FIPS 180-2 test vector: SHA-256("abc").
        var abc = TokenKey.Of("abc");

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", abc.Hex);
        Assert.Equal(unchecked((int)0xba7816bf), abc.LockKey);
        Assert.Equal(TokenKey.Of(Token).Hex, TokenKey.Of(Token).Hex);
        Assert.NotEqual(TokenKey.Of(Token).Hex, TokenKey.Of(Token + "x").Hex);
        Assert.DoesNotContain(Token, TokenKey.Of(Token).ToString(), StringComparison.Ordinal);
    }

    private static ServiceProvider Build(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["IssueSync:Trackers:hub:Kind"] = "GitHub",
            ["IssueSync:Trackers:hub:ApiUrl"] = "https://api.github.com",
            ["IssueSync:Trackers:hub:Token"] = Token,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var commandLine = Sync.Worker.Hosting.CommandLine.Parse(["--once"], out var error);
        Assert.Null(error);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddIssueSync(configuration, commandLine);
        return services.BuildServiceProvider();
    }
}
