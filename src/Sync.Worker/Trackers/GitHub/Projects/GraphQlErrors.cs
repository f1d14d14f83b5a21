using System.Text.Json;
using Sync.Core.Trackers;

namespace Sync.Worker.Trackers.GitHub.Projects;

/// <summary>
/// The one place GraphQL <c>errors</c> become tracker exceptions, mirroring the REST status table
/// (<see cref="TrackerErrors"/>): NOT_FOUND → not found, FORBIDDEN / INSUFFICIENT_SCOPES → forbidden,
/// RATE_LIMITED → rate limited, anything else → validation. Only GitHub's own messages are quoted; they never
/// contain the token.
/// </summary>
internal static class GraphQlErrors
{
    private const int MaxMessageLength = 500;

    /// <summary>An HTTP 200 (the GraphQL endpoint's status even on failure) with errors.</summary>
    public const int Status = 200;

    public static TrackerException Translate(string tracker, IReadOnlyList<GraphQlError> errors, RateLimitHeaders limits, string resource)
    {
        var message = Describe(errors);
        if (errors.Any(e => Is(e, "RATE_LIMITED")))
        {
            return new TrackerRateLimitedException(tracker, limits.ResetAt, limits.RetryAfter);
        }

        if (errors.Any(e => Is(e, "FORBIDDEN") || Is(e, "INSUFFICIENT_SCOPES")))
        {
            return new TrackerForbiddenException(tracker, $"{resource}: {message}");
        }

        return errors.Any(e => Is(e, "NOT_FOUND"))
            ? new TrackerNotFoundException(tracker, $"{resource} ({message})")
            : new TrackerValidationException(tracker, Status, $"{resource}: {message}");
    }

    /// <summary>
    /// The message of an HTTP error body: REST style <c>{"message": ...}</c> (GitHub's 401 "Bad credentials") or
    /// GraphQL style <c>{"errors": [...]}</c>. Throws <see cref="JsonException"/> for a non-JSON body, which
    /// <see cref="TrackerHttp"/> handles.
    /// </summary>
    public static string? ReadHttpErrorMessage(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
        {
            return message.GetString();
        }

        return root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
            ? string.Join("; ", errors.EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m) ? m.GetString() : null)
                .OfType<string>())
            : null;
    }

    private static bool Is(GraphQlError error, string type) => string.Equals(error.Type, type, StringComparison.OrdinalIgnoreCase);

    private static string Describe(IReadOnlyList<GraphQlError> errors)
    {
        var text = string.Join("; ", errors
            .Select(e => string.IsNullOrWhiteSpace(e.Message) ? e.Type ?? "error" : e.Message.Trim())
            .Distinct(StringComparer.Ordinal));
        return text.Length > MaxMessageLength ? text[..MaxMessageLength] + "…" : text;
    }
}
