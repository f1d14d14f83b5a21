namespace Sync.Sandbox.Model;

/// <summary>What became of one quick action found in text written to an emulated GitLab.</summary>
public enum SandboxQuickActionOutcome
{
    /// <summary>GitLab runs it here and the sandbox applied its effect (closed the issue, added the label...).</summary>
    Applied,

    /// <summary>GitLab runs nothing: its condition did not hold (/close on a new issue, /label with no such label...).</summary>
    Skipped,

    /// <summary>GitLab would act, but the sandbox only records the command (/assign, /milestone, /due...).</summary>
    RecordedOnly,
}

/// <summary>
/// A quick action GitLab extracted from an issue description or a note written through the API, in order. A
/// public tracker that received copied text should have none: tests assert on this list.
/// </summary>
public sealed record SandboxQuickAction(
    string Project, int Issue, string Source, string Name, string? Argument, SandboxQuickActionOutcome Outcome, DateTimeOffset At);
