using System.Net.Http.Headers;

namespace Sync.Sandbox.Tests.Schemas.Validation;

/// <summary>An authenticated client for one sandbox instance whose every answer goes to a <see cref="SchemaChecker"/>.</summary>
internal static class SchemaCheckedClient
{
    public static HttpClient For(SandboxInstance instance, SchemaChecker checker)
    {
        var handler = new SchemaValidatingHandler(checker) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false } };
        var client = new HttpClient(handler) { BaseAddress = instance.ApiUrl, Timeout = TimeSpan.FromSeconds(10) };
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
