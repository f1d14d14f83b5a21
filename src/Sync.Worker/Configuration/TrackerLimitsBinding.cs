using Sync.Core.Trackers;
using Sync.Worker.Trackers;

namespace Sync.Worker.Configuration;

/// <summary>
/// <c>IssueSync:Trackers:&lt;name&gt;:Limits</c> over the kind's documented defaults: keys left out keep the
/// tracker's ceilings (GitHub 80 writes/min and 500/h, serial; GitLab 200 issues/min, 60 notes/min).
/// </summary>
internal static class TrackerLimitsBinding
{
    public static TrackerLimitsOptions Bind(IConfigurationSection tracker, TrackerKind kind)
    {
        var limits = TrackerLimitsOptions.ForKind(kind);
        tracker.GetSection("Limits").Bind(limits);
        return limits;
    }

    /// <summary>Null when the section binds and its values are in range, else the one-line reason with its key.</summary>
    public static string? Problem(IConfigurationSection tracker, TrackerKind kind)
    {
        try
        {
            Bind(tracker, kind).Validate(tracker.Key);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the type, not a secret (Limits holds no secret).
            return $"IssueSync:Trackers:{tracker.Key}:Limits: {ex.Message.ReplaceLineEndings(" ")}";
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
        }
    }
}
