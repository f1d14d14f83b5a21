using Microsoft.Extensions.Options;
using Npgsql;
using Sync.Core.Trackers;

namespace Sync.Worker.Configuration;

/// <summary>
/// Cross-field validation of the <c>IssueSync</c> section and the connection string. Every failure is one
/// line that starts with the configuration key it is about.
/// </summary>
public sealed class IssueSyncOptionsValidator(IConfiguration configuration) : IValidateOptions<IssueSyncOptions>
{
    public const string ConnectionStringKey = "ConnectionStrings:IssueSync";
    private const string Root = IssueSyncOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, IssueSyncOptions options)
    {
        var errors = new List<string>();
        foreach (var (trackerName, tracker) in options.Trackers)
        {
            ValidateTracker(trackerName, tracker, errors);
            if (Enum.TryParse<TrackerKind>(tracker.Kind, ignoreCase: true, out var kind)
                && TrackerLimitsBinding.Problem(configuration.GetSection($"{Root}:Trackers:{trackerName}"), kind) is { } limitsError)
            {
                errors.Add(limitsError);
            }
        }

        if (options.Products.Count == 0)
        {
            errors.Add($"{Root}:Products: no product is configured (set {Root}:Products:<key>:Public, or run with --sandbox for the demo)");
        }

        foreach (var (key, product) in options.Products)
        {
            ValidateProduct(key, product, options, errors);
        }

        ValidateSourcesAreNotShared(options, errors);

        if (string.IsNullOrWhiteSpace(options.Storage.SqlitePath))
        {
            errors.Add($"{Root}:Storage:SqlitePath: is empty; give a file path or set {ConnectionStringKey}");
        }

        AnnotatedOptions.Validate(new IssueSyncAnnotations(), Root, options, errors);

        WebhookValidation.Validate($"{Root}:Webhooks", options.Webhooks, errors);
        if (!MetricsOptions.IsValidPath(options.Metrics.Path))
        {
            errors.Add($"{Root}:Metrics:Path: '{options.Metrics.Path}' must start with '/' (e.g. {MetricsOptions.DefaultPath})");
        }

        ValidateConnectionString(errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateTracker(string trackerName, TrackerOptions tracker, List<string> errors)
    {
        var key = $"{Root}:Trackers:{trackerName}";
        if (trackerName.IndexOfAny([':', '#', '/', ' ']) >= 0)
        {
            errors.Add($"{key}: tracker name '{trackerName}' may not contain ':', '#', '/' or spaces");
        }

        TrackerKind? kind = null;
        if (string.IsNullOrWhiteSpace(tracker.Kind))
        {
            errors.Add($"{key}:Kind: is missing (expected GitLab or GitHub)");
        }
        else if (Enum.TryParse<TrackerKind>(tracker.Kind.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            kind = parsed;
        }
        else
        {
            errors.Add($"{key}:Kind: '{tracker.Kind}' is not a tracker kind (expected GitLab or GitHub)");
        }

        if (string.IsNullOrWhiteSpace(tracker.ApiUrl))
        {
            errors.Add($"{key}:ApiUrl: is missing (e.g. https://gitlab.com/api/v4 or https://api.github.com)");
        }
        else if (!Uri.TryCreate(tracker.ApiUrl.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{key}:ApiUrl: '{tracker.ApiUrl}' is not an absolute http(s) URL");
        }
        else if (kind == TrackerKind.GitHub && url.AbsolutePath.TrimEnd('/').EndsWith("/api/v4", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{key}:ApiUrl: '{tracker.ApiUrl}' is a GitLab API root but Kind is GitHub");
        }
        else if (kind == TrackerKind.GitLab && !url.AbsolutePath.TrimEnd('/').EndsWith("/api/v4", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{key}:ApiUrl: '{tracker.ApiUrl}' is not a GitLab REST v4 root (it should end in /api/v4)");
        }

        if (string.IsNullOrWhiteSpace(tracker.Token))
        {
            errors.Add($"{key}:Token: is missing (set it, e.g. through the environment variable IssueSync__Trackers__{trackerName}__Token)");
        }
        else if (tracker.Token.Any(char.IsWhiteSpace))
        {
            // Never echo the token itself.
            errors.Add($"{key}:Token: contains whitespace or a line break");
        }
    }

    /// <summary>
    /// A source feeding two products would be moved twice (the move ledger is per product), and a product's public
    /// project must not be another product's private source.
    /// </summary>
    private static void ValidateSourcesAreNotShared(IssueSyncOptions options, List<string> errors)
    {
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, product) in options.Products.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            for (var i = 0; i < product.Sources.Count; i++)
            {
                if (!ProjectRef.TryParse(product.Sources[i].Project, out var source, out _))
                {
                    continue;
                }

                var name = source!.ToString();
                if (owners.TryGetValue(name, out var owner) && !string.Equals(owner, key, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add($"{Root}:Products:{key}:Sources:{i}:Project: '{name}' is already a source of product '{owner}'; a source can feed one product only");
                }

                owners.TryAdd(name, key);
            }
        }

        foreach (var (key, product) in options.Products)
        {
            if (ProjectRef.TryParse(product.Public, out var publicProject, out _)
                && owners.TryGetValue(publicProject!.ToString(), out var owner)
                && !string.Equals(owner, key, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{Root}:Products:{key}:Public: '{publicProject}' is a private source of product '{owner}'");
            }
        }
    }

    private static void ValidateProduct(string key, ProductOptions product, IssueSyncOptions options, List<string> errors)
    {
        var productKey = $"{Root}:Products:{key}";
        var publicProject = ValidateReference($"{productKey}:Public", product.Public, options, errors);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < product.Sources.Count; i++)
        {
            var sourceKey = $"{productKey}:Sources:{i}:Project";
            var source = ValidateReference(sourceKey, product.Sources[i].Project, options, errors);
            if (source is null)
            {
                continue;
            }

            MoveRulesValidation.Validate($"{productKey}:Sources:{i}", product.Sources[i], errors);
            if (product.Sources[i].IncludeConfidential && publicProject is not null
                && options.Trackers.TryGetValue(publicProject.Tracker, out var publicTracker)
                && string.Equals(publicTracker.Kind, nameof(TrackerKind.GitHub), StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{productKey}:Sources:{i}:IncludeConfidential: the public project '{publicProject}' is on GitHub, which has no confidential issues; a confidential issue would become public there");
            }

            if (publicProject is not null && string.Equals(source.ToString(), publicProject.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{sourceKey}: '{source}' is the product's public project; a source must be another project");
            }
            else if (!seen.Add(source.ToString()))
            {
                errors.Add($"{sourceKey}: '{source}' is listed twice in the product's sources");
            }
        }

        MoveRulesValidation.Validate($"{productKey}:Redaction", product.Redaction, errors);
        ValidateVotes($"{productKey}:Votes", product.Votes, options, errors);
        if (product.Rice.Enabled)
        {
            RiceValidation.Validate($"{productKey}:Rice", product.Rice, errors);
        }

        if (product.Schedule.Pipeline is not null)
        {
            errors.Add($"{productKey}:Schedule:Pipeline: replaced by one cron per stage: Schedule:Move, Schedule:Votes, Schedule:Rice and Schedule:Roadmap");
        }

        foreach (var (stage, cron) in new[] { ("Move", product.Schedule.Move), ("Votes", product.Schedule.Votes), ("Rice", product.Schedule.Rice), ("Roadmap", product.Schedule.Roadmap) })
        {
            if (!string.IsNullOrWhiteSpace(cron) && CronSyntax.Validate(cron) is { } cronError)
            {
                errors.Add($"{productKey}:Schedule:{stage}: {cronError}");
            }
        }

        if (product.Roadmap.Enabled)
        {
            RoadmapValidation.Validate($"{productKey}:Roadmap", product.Roadmap, publicProject, options, errors);
        }

        if (!TryFindTimeZone(product.Schedule.TimeZone, out _))
        {
            errors.Add($"{productKey}:Schedule:TimeZone: '{product.Schedule.TimeZone}' is not a known time zone (use an IANA id such as Europe/Berlin or UTC)");
        }
    }

    private static void ValidateVotes(string key, Sync.Core.Votes.VoteRules votes, IssueSyncOptions options, List<string> errors)
    {
        AnnotatedOptions.Validate(new VoteRulesAnnotations(), key, votes, errors);

        foreach (var (emoji, weight) in votes.ExtraEmoji)
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                errors.Add($"{key}:ExtraEmoji:{emoji}: weight {weight} must be a number of at least 0");
            }
        }

        for (var i = 0; i < votes.IdentityMap.Count; i++)
        {
            foreach (var identity in new[] { votes.IdentityMap[i].From, votes.IdentityMap[i].To })
            {
                var colon = identity.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || colon == identity.Length - 1 || !options.Trackers.ContainsKey(identity[..colon]))
                {
                    errors.Add($"{key}:IdentityMap:{i}: '{identity}' is not '<configured tracker>:<username>'");
                    break;
                }
            }
        }
    }

    private static ProjectRef? ValidateReference(string key, string? text, IssueSyncOptions options, List<string> errors)
    {
        if (!ProjectRef.TryParse(text, out var project, out var reason))
        {
            errors.Add($"{key}: {reason}");
            return null;
        }

        if (!options.Trackers.ContainsKey(project!.Tracker))
        {
            var known = options.Trackers.Count == 0 ? "none is configured" : $"configured: {string.Join(", ", options.Trackers.Keys.Order(StringComparer.Ordinal))}";
            errors.Add($"{key}: unknown tracker '{project.Tracker}' in '{text}' ({known})");
            return null;
        }

        return project;
    }

    private void ValidateConnectionString(List<string> errors)
    {
        var connectionString = configuration[ConnectionStringKey];
        if (connectionString is null)
        {
            return;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                errors.Add($"{ConnectionStringKey}: has no Host; remove the key to use the embedded SQLite store");
            }
        }
        catch (ArgumentException ex)
        {
            // Npgsql names the bad keyword, not the value, so no password can leak through this message.
            errors.Add($"{ConnectionStringKey}: is not a valid PostgreSQL connection string ({ex.Message.ReplaceLineEndings(" ")})");
        }
    }

    public static bool TryFindTimeZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
