using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sync.Worker.Configuration;
using Sync.Worker.Webhooks;

namespace Sync.Worker.Tests.Webhooks;

public sealed class WebhookSecretNotSetTests
{
    [Theory]
    [InlineData("gitlab")]
    [InlineData("github")]
    public async Task Endpoint_WithoutItsSecret_Answers404(string tracker)
    {
        var options = Options.Create(new IssueSyncOptions());
        // Nothing past the secret check is reached, so the store and the job client are not needed.
        var receiver = new WebhookReceiver(options, new ProductCatalog(options), null!, null!, TimeProvider.System, NullLogger<WebhookReceiver>.Instance);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        var result = tracker == "gitlab"
            ? await receiver.GitLabAsync(context, TestContext.Current.CancellationToken)
            : await receiver.GitHubAsync(context, TestContext.Current.CancellationToken);
        await result.ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }
}
