using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Sync.Core.Storage;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.Discourse;

/// <summary>
/// A Discourse category as a source of ideas, over the tracker's named HttpClient (base address = the forum root).
/// Project path <c>c/&lt;category-slug&gt;</c> (a subcategory: <c>c/&lt;parent&gt;/&lt;child&gt;</c>); an idea's number is
/// the topic id; its body and comments are the posts' Markdown (<c>raw</c>); its votes come from the topic voting plugin
/// (<c>vote_count</c>, <c>/voting/who</c>). A source only: what a forum cannot do throws <see cref="NotSupportedException"/>.
/// </summary>
internal sealed partial class DiscourseTrackerClient(
    TrackerRegistration registration,
    IHttpClientFactory httpClientFactory,
    IDocumentStore? documents,
    TimeProvider time,
    ILogger<DiscourseTrackerClient> logger) : ITrackerClient
{
    /// <summary>Posts a topic's first read carries and the most asked for at once after it (lib/topic_view.rb <c>chunk_size</c>).</summary>
    internal const int PostChunk = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TrackerHttp _http = new(registration.Name, DiscourseErrorMessage.Read, logger);

    // Category ids never change for a slug path; read once per client.
    private readonly ConcurrentDictionary<string, Category> _categories = new(StringComparer.OrdinalIgnoreCase);

    // A topic read by the listing, handed once to the ListCommentsAsync that follows it in the same pass (the move reads
    // an idea's replies right after listing it). Taken, never reused: a re-read after a lost reply must see the forum.
    private readonly ConcurrentDictionary<long, JsonObject> _listedTopics = new();

    // The last GetIssueAsync read of each idea, for the edit that follows it (see GetIssueAsync).
    private readonly ConcurrentDictionary<long, (JsonObject Topic, DateTimeOffset At)> _recentReads = new();

    public string Name => registration.Name;

    public TrackerKind Kind => TrackerKind.Discourse;

    public Uri WebRoot => registration.WebRoot;

    public async Task<TrackerUser> GetCurrentUserAsync(CancellationToken cancellationToken)
    {
        var session = await GetAsync("session/current.json", "GET /session/current.json", cancellationToken).ConfigureAwait(false);
        var user = session.Obj("current_user");
        return new TrackerUser(user.Str("username") ?? throw Malformed("/session/current.json", "current_user.username"), user.Long("id") ?? 0);
    }

    private sealed record Category(long Id, string SlugPath, long? AboutTopicId);

    /// <summary>The category a project path names (<c>c/slug</c> or <c>c/parent/child</c>), from <c>/categories.json</c>.</summary>
    private async Task<Category> CategoryAsync(string projectPath, CancellationToken cancellationToken)
    {
        var slugs = SlugPath(projectPath);
        var key = string.Join('/', slugs);
        if (_categories.TryGetValue(key, out var known))
        {
            return known;
        }

        var list = await GetAsync("categories.json?include_subcategories=true", "GET /categories.json", cancellationToken).ConfigureAwait(false);
        JsonObject? found = null;
        foreach (var category in list.Obj("category_list").Objects("categories"))
        {
            if (!string.Equals(category.Str("slug"), slugs[0], StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            found = slugs.Length == 1
                ? category
                : category.Objects("subcategory_list").FirstOrDefault(c => string.Equals(c.Str("slug"), slugs[1], StringComparison.OrdinalIgnoreCase));
            break;
        }

        if (found?.Long("id") is not { } id)
        {
            throw new TrackerNotFoundException(Name, $"category {projectPath}: no such category on the forum, or the API user may not see it");
        }

        // The category's own "About the ... category" topic (topic_url /t/<slug>/<id>) is its description, not an idea.
        long? about = found.Str("topic_url") is { } url && long.TryParse(url.TrimEnd('/').Split('/')[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var topic) ? topic : null;
        return _categories[key] = new Category(id, string.Join('/', slugs.Select(Uri.EscapeDataString)), about);
    }

    private static string[] SlugPath(string projectPath)
    {
        var parts = projectPath.Trim('/').Split('/');
        if (parts.Length is < 2 or > 3 || parts[0] != "c" || parts.Skip(1).Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Discourse project path '{projectPath}' should be c/<category-slug> or c/<parent-slug>/<child-slug>", nameof(projectPath));
        }

        return parts[1..];
    }

    private IssueRef RefOf(string projectPath, long topicId) => new(new ProjectRef(Name, projectPath.Trim('/')), topicId);

    private string TopicWebUrl(string? slug, long id) =>
        new Uri(WebRoot, $"t/{Uri.EscapeDataString(string.IsNullOrWhiteSpace(slug) ? "topic" : slug)}/{DiscourseJson.Id(id)}").AbsoluteUri;

    private Task<JsonObject> GetAsync(string relative, string resource, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, relative, null, resource, cancellationToken);

    private async Task<JsonObject> SendAsync(HttpMethod method, string relative, HttpContent? content, string resource, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(Name);
        using var request = new HttpRequestMessage(method, new Uri(relative, UriKind.Relative)) { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _http.SendAsync(client, request, resource, cancellationToken).ConfigureAwait(false);
        return await _http.ReadJsonAsync<JsonObject>(response, Json, resource, cancellationToken).ConfigureAwait(false)
            ?? throw Malformed(resource, "a JSON object");
    }

    private TrackerException Malformed(string resource, string what) =>
        new(Name, $"Tracker '{Name}' answered {resource} without {what}");

    private NotSupportedException Unsupported([CallerMemberName] string method = "") =>
        new($"A {Kind} forum is a source of ideas only; {method} is not supported (tracker '{Name}')");

    public Task<TrackerIssue> CreateIssueAsync(string projectPath, NewIssue issue, CancellationToken cancellationToken) => throw Unsupported();

    public Task<TrackerComment> EditCommentAsync(string projectPath, long number, long commentId, string body, CancellationToken cancellationToken) => throw Unsupported();

    public Task<TrackerLabel> CreateLabelAsync(string projectPath, TrackerLabel label, CancellationToken cancellationToken) => throw Unsupported();

    public Task<TrackerMilestone> CreateMilestoneAsync(string projectPath, TrackerMilestone milestone, CancellationToken cancellationToken) => throw Unsupported();

    // Forums keep no moved label (the ledger stops a second move): nothing to write.
    public Task ChangeLabelsAsync(string projectPath, long number, IReadOnlyList<string> add, IReadOnlyList<string> remove, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    // Discourse tags carry no colour, and an idea's tags are copied by name: nothing worth a request.
    public IAsyncEnumerable<TrackerLabel> ListLabelsAsync(string projectPath, CancellationToken cancellationToken) => AsyncEnumerable.Empty<TrackerLabel>();

    public IAsyncEnumerable<TrackerMilestone> ListMilestonesAsync(string projectPath, CancellationToken cancellationToken) => AsyncEnumerable.Empty<TrackerMilestone>();

    public IAsyncEnumerable<TrackerReaction> ListCommentReactionsAsync(string projectPath, long number, long commentId, CancellationToken cancellationToken) =>
        AsyncEnumerable.Empty<TrackerReaction>();
}
