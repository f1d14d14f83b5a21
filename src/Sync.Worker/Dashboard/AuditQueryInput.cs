using System.Globalization;
using Sync.Core.Storage;

namespace Sync.Worker.Dashboard;

/// <summary>
/// Reads the audit filters shared by the Audit page and <c>/audit.json</c>: <c>product</c> (a configured one), <c>action</c>
/// (one of <see cref="AuditActions.All"/>), <c>limit</c> and <c>before</c> (an entry id); an error is one line naming the value.
/// </summary>
internal static class AuditQueryInput
{
    public const string ProductField = "product";
    public const string ActionField = "action";
    public const string LimitField = "limit";
    public const string BeforeField = "before";
    public const int MaxLimit = 500;
    public const int DefaultLimit = 100;

    public static bool TryRead(Func<string, string?> query, IReadOnlyList<string> products, int defaultLimit, out AuditQuery result, out string error)
    {
        ArgumentNullException.ThrowIfNull(query);
        result = new AuditQuery(null, null, defaultLimit);
        error = string.Empty;
        var product = NullIfEmpty(query(ProductField));
        if (product is not null && !products.Contains(product, StringComparer.Ordinal))
        {
            error = $"Unknown product '{product}' (configured: {string.Join(", ", products)}).";
            return false;
        }

        var action = NullIfEmpty(query(ActionField));
        if (action is not null && !AuditActions.All.Contains(action, StringComparer.Ordinal))
        {
            error = $"Unknown action '{action}' (one of: {string.Join(", ", AuditActions.All)}).";
            return false;
        }

        var limit = defaultLimit;
        if (NullIfEmpty(query(LimitField)) is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            error = $"'limit' must be a whole number from 1 to {MaxLimit}; got '{limitText}'.";
            return false;
        }

        long? before = null;
        if (NullIfEmpty(query(BeforeField)) is { } beforeText)
        {
            if (!long.TryParse(beforeText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                error = $"'before' must be an entry id (a positive whole number); got '{beforeText}'.";
                return false;
            }

            before = id;
        }

        result = new AuditQuery(product, action, limit, before);
        return true;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
