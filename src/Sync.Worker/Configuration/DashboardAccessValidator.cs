using Microsoft.Extensions.Options;
using Sync.Worker.Dashboard;

namespace Sync.Worker.Configuration;

/// <summary>Validates <c>IssueSync:Dashboard</c>; a failure names the key and never echoes a hash.</summary>
internal sealed class DashboardAccessValidator : IValidateOptions<IssueSyncOptions>
{
    private const string Key = $"{IssueSyncOptions.SectionName}:Dashboard:Users";
    private const string HostsKey = $"{IssueSyncOptions.SectionName}:Dashboard:Hosts";

    public ValidateOptionsResult Validate(string? name, IssueSyncOptions options)
    {
        var errors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var users = options.Dashboard.Users;
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                errors.Add($"{Key}:{i}:Name: is empty; every dashboard user needs a name");
            }
            else if (user.Name.Contains(':', StringComparison.Ordinal) || user.Name.Any(char.IsControl) || user.Name != user.Name.Trim())
            {
                errors.Add($"{Key}:{i}:Name: may not contain ':', control characters or surrounding spaces (HTTP Basic cannot carry them)");
            }
            else if (!seen.TryAdd(user.Name, i))
            {
                errors.Add($"{Key}:{i}:Name: '{user.Name}' is already the name of {Key}:{seen[user.Name]}");
            }

            if (!PasswordHash.TryParse(user.PasswordHash, out _))
            {
                errors.Add($"{Key}:{i}:PasswordHash: is not a valid '{PasswordHash.Scheme}$<iterations>$<base64 salt>$<base64 hash>' "
                    + $"with at least {PasswordHash.MinIterations} iterations; make one with --hash-password");
            }
        }

        var hosts = options.Dashboard.Hosts;
        for (var i = 0; i < hosts.Count; i++)
        {
            if (RequestHost.Normalize(hosts[i]) is null || hosts[i] != hosts[i].Trim())
            {
                errors.Add($"{HostsKey}:{i}: is not a host name (no scheme, port, path or wildcard), e.g. issuesync.example.com or localhost");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
