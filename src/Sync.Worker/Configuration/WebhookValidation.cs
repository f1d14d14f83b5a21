namespace Sync.Worker.Configuration;

/// <summary>Rules of the <c>Webhooks</c> section (its range is an annotation, checked by <see cref="IssueSyncAnnotations"/>); each error names its key and never contains a secret.</summary>
internal static class WebhookValidation
{
    public static void Validate(string key, WebhookOptions webhooks, List<string> errors)
    {
        foreach (var (name, secret) in new[] { ("GitLabSecret", webhooks.GitLabSecret), ("GitHubSecret", webhooks.GitHubSecret) })
        {
            if (secret is null || secret.Length == 0)
            {
                continue; // not set: that endpoint stays off
            }

            if (secret.Length < WebhookOptions.MinSecretLength)
            {
                errors.Add($"{key}:{name}: is shorter than {WebhookOptions.MinSecretLength} characters; use a long random value");
            }
            else if (secret.Any(char.IsControl) || secret.Trim().Length != secret.Length)
            {
                errors.Add($"{key}:{name}: starts or ends with whitespace or contains a control character");
            }
        }

    }
}
