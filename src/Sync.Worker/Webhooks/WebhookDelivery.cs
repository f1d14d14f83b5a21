namespace Sync.Worker.Webhooks;

/// <summary>What a delivery is about once parsed: one issue of one project, or nothing (with the reason).</summary>
internal sealed record WebhookDelivery
{
    private WebhookDelivery()
    {
    }

    /// <summary><c>group/project</c> (GitLab <c>path_with_namespace</c>, GitHub <c>full_name</c>).</summary>
    public string? ProjectPath { get; private init; }

    /// <summary>The project's web page as the tracker reports it; tells which configured tracker sent the event.</summary>
    public string? ProjectWebUrl { get; private init; }

    public long IssueNumber { get; private init; }

    /// <summary>Why nothing is done (<c>ignored: push</c>); null for an issue change.</summary>
    public string? Ignored { get; private init; }

    /// <summary>Why the payload cannot be used (no payload content in it); null when well-formed.</summary>
    public string? Malformed { get; private init; }

    public static WebhookDelivery Issue(string projectPath, string? projectWebUrl, long number) =>
        new() { ProjectPath = projectPath, ProjectWebUrl = projectWebUrl, IssueNumber = number };

    public static WebhookDelivery Ignore(string reason) => new() { Ignored = $"ignored: {reason}" };

    public static WebhookDelivery Bad(string reason) => new() { Malformed = reason };
}
