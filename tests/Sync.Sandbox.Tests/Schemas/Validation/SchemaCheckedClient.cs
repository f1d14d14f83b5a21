using System.Net.Http.Headers;

namespace Sync.Sandbox.Tests.Schemas.Validation;

/// <summary>An authenticated client for one sandbox instance whose every answer goes through a <see cref="SchemaValidatingHandler"/>.</summary>
internal static class SchemaCheckedClient
{
    public static HttpClient For(SandboxInstance instance, SchemaValidatingHandler handler)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = instance.ApiUrl, Timeout = TimeSpan.FromSeconds(10) };
        if (instance.Kind == TrackerKinds.GitHub)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", instance.Token);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("schema-tests");
        }
        else
        {
            client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", instance.Token);
        }

        return client;
    }
}
