using Sync.Core.Votes;

namespace Sync.Core.Tests.Votes;

public sealed class VoterIdentityTests
{
    private static readonly Dictionary<string, string> Map = new() { ["gitlab:alice"] = "github:alice-gh" };

    [Fact]
    public void Canonical_MappedUser_ResolvesToTheMappedIdentity()
    {
        Assert.Equal("github:alice-gh", VoterIdentity.Canonical("gitlab", "alice", Map));
    }

    [Fact]
    public void Canonical_MappedToSide_ResolvesToTheSameIdentity()
    {
        Assert.Equal("github:alice-gh", VoterIdentity.Canonical("github", "alice-gh", Map));
    }

    [Fact]
    public void Canonical_UnmappedUser_IsHostAndUsername()
    {
        Assert.Equal("gitlab:bob", VoterIdentity.Canonical("gitlab", "bob", Map));
    }

    [Fact]
    public void Canonical_DifferentCase_IsTheSamePerson()
    {
        Assert.Equal("github:alice-gh", VoterIdentity.Canonical("GitLab", "Alice", Map));
    }

    [Fact]
    public void Canonical_EntriesWrittenBothWays_AgreeOnOneIdentity()
    {
        var map = new Dictionary<string, string>
        {
            ["gitlab:alice"] = "github:alice-gh",
            ["github:alice-gh"] = "gitlab:alice",
        };

        Assert.Equal(
            VoterIdentity.Canonical("gitlab", "alice", map),
            VoterIdentity.Canonical("github", "alice-gh", map));
    }

    [Fact]
    public void Canonical_SameUsernameOnAnotherHost_IsNotMappedByAccident()
    {
        Assert.Equal("github:alice", VoterIdentity.Canonical("github", "alice", Map));
    }
}
