using Microsoft.Extensions.Options;
using Npgsql;
using Sync.Core.Moving;
using Sync.Core.Pipeline;
using Sync.Core.Trackers;
using Sync.Worker.Trackers;

namespace Sync.Worker.Configuration;

/// <summary>
/// Cross-field validation of the <c>IssueSync</c> section and the connection string. Every failure is one
/// line that starts with the configuration key it is about.
/// </summary>
internal sealed class IssueSyncOptionsValidator(IConfiguration configuration) : IValidateOptions<IssueSyncOptions>
{
    public const string ConnectionStringKey = "ConnectionStrings:IssueSync";
    private const string Root = IssueSyncOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, IssueSyncOptions options)
    {
        var errors = new List<string>();
        foreach (var (trackerName, tracker) in options.Trackers)
        {
            ValidateTracker(trackerName, tracker, errors);
            if (TrackerDialects.TryParse(tracker.Kind, out var dialect)
                && TrackerLimitsBinding.Problem(configuration.GetSection($"{Root}:Trackers:{trackerName}"), dialect.Kind) is { } limitsError)
            {
                errors.Add(limitsError);
            }
        }

        if (options.Products.Count == 0)
        {
            errors.Add($"{Root}:Products: no product is configured (set {Root}:Products:<key>:Public, or run the demo: {Hosting.CommandLine.DemoCommand})");
        }

        foreach (var (key, product) in options.Products)
        {
            ValidateProduct(key, product, options, errors);
            ValidateForumChoices(key, errors);
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
        else if (string.Equals(trackerName, Trackers.CsvImport.CsvImportDialect.TrackerName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{key}: the tracker name '{trackerName}' is reserved for the built-in tracker of CSV imports (projects csv:<product>/import); name this tracker differently");
        }

        ITrackerDialect? dialect = null;
        if (string.IsNullOrWhiteSpace(tracker.Kind))
        {
            errors.Add($"{key}:Kind: is missing (expected {TrackerDialects.KindNames})");
        }
        else if (TrackerDialects.TryParse(tracker.Kind, out var parsed))
        {
            dialect = parsed;
        }
        else
        {
            errors.Add($"{key}:Kind: '{tracker.Kind}' is not a tracker kind (expected {TrackerDialects.KindNames})");
        }

        if (string.IsNullOrWhiteSpace(tracker.ApiUrl))
        {
            errors.Add($"{key}:ApiUrl: is missing (e.g. {string.Join(" or ", TrackerDialects.Configurable.Select(d => d.ExampleApiUrl))})");
        }
        else if (!Uri.TryCreate(tracker.ApiUrl.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{key}:ApiUrl: '{tracker.ApiUrl}' is not an absolute http(s) URL");
        }
        else if (dialect?.ApiUrlProblem(url) is { } problem)
        {
            errors.Add($"{key}:ApiUrl: '{tracker.ApiUrl}' {problem}");
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

        if (dialect is { NeedsUsername: true } && string.IsNullOrWhiteSpace(tracker.Username))
        {
            errors.Add($"{key}:Username: is missing (the {dialect.Kind} account the token acts as, sent as Api-Username)");
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

            // A forum feeding two products would move each idea twice too.
            for (var i = 0; i < product.Forums.Count; i++)
            {
                if (ProjectRef.TryParse(product.Forums[i].Project, out var forum, out _)
                    && owners.TryGetValue(forum!.ToString(), out var owner) && !string.Equals(owner, key, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add($"{Root}:Products:{key}:Forums:{i}:Project: '{forum}' already feeds product '{owner}'; a forum can feed one product only");
                }
                else if (forum is not null)
                {
                    owners.TryAdd(forum.ToString(), key);
                }
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

            product.Sources[i].Validate($"{productKey}:Sources:{i}", errors);
            AnnotatedOptions.Validate<MoveRules>(new MoveRulesAnnotations(), $"{productKey}:Sources:{i}", product.Sources[i], errors);
            if (product.Sources[i].IncludeConfidential && publicProject is not null
                && options.Trackers.TryGetValue(publicProject.Tracker, out var publicTracker)
                && TrackerDialects.TryParse(publicTracker.Kind, out var publicDialect)
                && !TrackerTraits.For(publicDialect.Kind).ConfidentialIssues)
            {
                errors.Add($"{productKey}:Sources:{i}:IncludeConfidential: the public project '{publicProject}' is on {publicDialect.Kind}, which has no confidential issues; a confidential issue would become public there");
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

        ValidateForums(key, product, publicProject, options, errors);
        RedactionValidation.Validate($"{productKey}:Redaction", product.Redaction, errors);
        ValidateVotes($"{productKey}:Votes", product.Votes, options, errors);
        if (product.Rice.Enabled)
        {
            RiceValidation.Validate($"{productKey}:Rice", product.Rice, errors);
        }

        if (product.Schedule.Pipeline is not null)
        {
            var keys = PipelineStages.Scheduled.Select(StageCrons.KeyOf).ToArray();
            errors.Add($"{productKey}:Schedule:Pipeline: replaced by one cron per stage: {string.Join(", ", keys[..^1])} and {keys[^1]}");
        }

        foreach (var stage in PipelineStages.Scheduled)
        {
            var cron = product.Schedule.CronOf(stage);
            if (!string.IsNullOrWhiteSpace(cron) && CronSyntax.Validate(cron) is { } cronError)
            {
                errors.Add($"{productKey}:{StageCrons.KeyOf(stage)}: {cronError}");
            }
        }

        if (product.Roadmap.Enabled)
        {
            RoadmapValidation.Validate($"{productKey}:Roadmap", product.Roadmap, publicProject, options, errors);
        }

        if (product.Lifecycle.Enabled)
        {
            LifecycleValidation.Validate($"{productKey}:Lifecycle", product.Lifecycle, product, errors);
        }

        if (product.ReleaseNotes.Enabled)
        {
            ReleaseNotesValidation.Validate($"{productKey}:ReleaseNotes", product.ReleaseNotes, errors);
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
                if (colon <= 0 || colon == identity.Length - 1
                    || !(options.Trackers.ContainsKey(identity[..colon]) || identity[..colon] == Trackers.CsvImport.CsvImportDialect.TrackerName))
                {
                    errors.Add($"{key}:IdentityMap:{i}: '{identity}' is not '<configured tracker>:<username>'");
                    break;
                }
            }
        }
    }

    /// <summary>
    /// A product's forums: each on a forum tracker (never a public project or a private source, and no forum anywhere
    /// else), with a path of its kind's shape, listed once, and valid rules.
    /// </summary>
    private static void ValidateForums(string key, ProductOptions product, ProjectRef? publicProject, IssueSyncOptions options, List<string> errors)
    {
        var productKey = $"{Root}:Products:{key}";
        TrackerKind? KindOf(ProjectRef project) =>
            string.Equals(project.Tracker, Trackers.CsvImport.CsvImportDialect.TrackerName, StringComparison.OrdinalIgnoreCase) ? TrackerKind.CsvImport
            : options.Trackers.TryGetValue(project.Tracker, out var tracker) && TrackerDialects.TryParse(tracker.Kind, out var dialect) ? dialect.Kind
            : null;

        if (publicProject is not null && KindOf(publicProject) is { } publicKind && TrackerTraits.For(publicKind).Forum)
        {
            errors.Add($"{productKey}:Public: '{publicProject}' is a {publicKind} forum; a forum can only be listed under Forums");
        }

        for (var i = 0; i < product.Sources.Count; i++)
        {
            if (ProjectRef.TryParse(product.Sources[i].Project, out var source, out _) && KindOf(source!) is { } sourceKind && TrackerTraits.For(sourceKind).Forum)
            {
                errors.Add($"{productKey}:Sources:{i}:Project: '{source}' is a {sourceKind} forum; list it under Forums");
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < product.Forums.Count; i++)
        {
            var forumKey = $"{productKey}:Forums:{i}";
            var forum = product.Forums[i];
            var isCsv = ProjectRef.TryParse(forum.Project, out var parsed, out _) && string.Equals(parsed!.Tracker, Trackers.CsvImport.CsvImportDialect.TrackerName, StringComparison.OrdinalIgnoreCase);
            var project = isCsv ? parsed : ValidateReference($"{forumKey}:Project", forum.Project, options, errors);
            if (project is null)
            {
                continue;
            }

            if (KindOf(project) is not { } kind || !TrackerTraits.For(kind).Forum)
            {
                errors.Add($"{forumKey}:Project: '{project}' is not on a forum tracker (Kind GitHubDiscussions or Discourse, or 'csv:{key}/import'); an issue tracker's project goes under Sources");
                continue;
            }

            if (ForumPaths.Problem(kind, project.Path, key) is { } problem)
            {
                errors.Add($"{forumKey}:Project: '{project}' {problem}");
            }

            if (!seen.Add(project.ToString()))
            {
                errors.Add($"{forumKey}:Project: '{project}' is listed twice in the product's forums");
            }

            forum.Validate(forumKey, errors);
            AnnotatedOptions.Validate<Sync.Core.Forums.ForumRules>(new ForumRulesAnnotations(), forumKey, forum, errors);
            if (forum.Answered is not null && kind != TrackerKind.GitHubDiscussions)
            {
                errors.Add($"{forumKey}:Answered: only GitHub Discussions have answers; leave it out for a {kind} forum");
            }
        }
    }

    /// <summary>
    /// The forums' choices as written: the binder leaves an enum property at its default when the text names no value, and
    /// a typo of <c>Keep</c> must not close every idea.
    /// </summary>
    private void ValidateForumChoices(string product, List<string> errors)
    {
        foreach (var forum in configuration.GetSection($"{Root}:Products:{product}:Forums").GetChildren())
        {
            Check<Sync.Core.Forums.ForumClose>(forum, nameof(Sync.Core.Forums.ForumRules.CloseAs));
            Check<Sync.Core.Forums.ForumCloseReason>(forum, nameof(Sync.Core.Forums.ForumRules.CloseReason));
        }

        void Check<T>(IConfigurationSection forum, string name)
            where T : struct, Enum
        {
            if (forum[name] is { } text && !Enum.GetNames<T>().Contains(text.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{Root}:Products:{product}:Forums:{forum.Key}:{name}: '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
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
