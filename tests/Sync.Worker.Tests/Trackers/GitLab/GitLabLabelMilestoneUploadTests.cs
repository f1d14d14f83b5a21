using System.Text;
using Sync.Core.Trackers;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Trackers.GitLab;

public sealed class GitLabLabelMilestoneUploadTests : IDisposable
{
    private readonly GitLabContract _lab = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task ListLabels_MapsNameColourAndDescription()
    {
        _lab.Stub("GET", "/labels", 200, $"[{GitLabPayloads.Label(1, "bug")},{GitLabPayloads.Label(2, "ux", "#5843AD", null)}]");

        var labels = await _lab.Client.ListLabelsAsync("acme/widget", Ct).ToListAsync(Ct);

        Assert.Equal([new TrackerLabel("bug", "#d9534f", "Bug reported by user"), new TrackerLabel("ux", "#5843AD")], labels);
        var request = Assert.Single(_lab.Requests);
        Assert.Equal("GET " + GitLabContract.Project + "/labels", $"{request.Method} {request.Path}");
        Assert.Equal("100", request.Query["per_page"]);
    }

    [Fact]
    public async Task CreateLabel_PostsNameHashColourAndDescription()
    {
        _lab.Stub("POST", "/labels", 201, GitLabPayloads.Label(9, "bug"));

        var label = await _lab.Client.CreateLabelAsync("acme/widget", new TrackerLabel("bug", "#d9534f", "Bug reported by user"), Ct);

        Assert.Equal(new TrackerLabel("bug", "#d9534f", "Bug reported by user"), label);
        var request = Assert.Single(_lab.Requests);
        Assert.Equal("POST " + GitLabContract.Project + "/labels", $"{request.Method} {request.Path}");
        Assert.Equal(["color", "description", "name"], request.Fields);
        Assert.Equal("#d9534f", request.Json.GetProperty("color").GetString());
    }

    [Fact]
    public async Task CreateLabel_On409AlreadyExists_ReturnsTheExistingLabelWithoutThrowing()
    {
        _lab.Stub("POST", "/labels", 409, """{"message":"Label already exists"}""");
        _lab.Stub("GET", "/labels", 200, $"[{GitLabPayloads.Label(1, "ux", "#5843AD", null)},{GitLabPayloads.Label(2, "bug", "#FF0000", "Existing")}]");

        var label = await _lab.Client.CreateLabelAsync("acme/widget", new TrackerLabel("bug", "#00FF00"), Ct);

        Assert.Equal(new TrackerLabel("bug", "#FF0000", "Existing"), label);
        Assert.Equal(["POST " + GitLabContract.Project + "/labels", "GET " + GitLabContract.Project + "/labels"], _lab.Lines);
        _lab.AssertCounterMatchesServer();
    }

    [Fact]
    public async Task CreateLabel_On400InvalidColour_ThrowsValidation()
    {
        _lab.Stub("POST", "/labels", 400, """{"message":{"color":["must be a valid color code"]}}""");

        await Assert.ThrowsAsync<TrackerValidationException>(() => _lab.Client.CreateLabelAsync("acme/widget", new TrackerLabel("bug", "#zz"), Ct));

        Assert.Single(_lab.Requests);
    }

    [Fact]
    public async Task ListMilestones_MapsIdTitleStateDueDateAndDescription()
    {
        _lab.Stub("GET", "/milestones", 200, $"[{GitLabPayloads.Milestone(12, "10.0", "active", "2013-11-29")},{GitLabPayloads.Milestone(13, "9.0", "closed", null)}]");

        var milestones = await _lab.Client.ListMilestonesAsync("acme/widget", Ct).ToListAsync(Ct);

        Assert.Equal(
            [new TrackerMilestone(12, "10.0", false, new DateOnly(2013, 11, 29), "Release 10.0"), new TrackerMilestone(13, "9.0", true, null, "Release 9.0")],
            milestones);
        var request = Assert.Single(_lab.Requests);
        Assert.Equal("GET " + GitLabContract.Project + "/milestones", $"{request.Method} {request.Path}");
        Assert.False(request.Query.ContainsKey("state"));
    }

    [Fact]
    public async Task CreateMilestone_PostsTitleDescriptionAndIsoDueDate()
    {
        _lab.Stub("POST", "/milestones", 201, GitLabPayloads.Milestone(12, "10.0", "active", "2013-11-29"));

        var milestone = await _lab.Client.CreateMilestoneAsync("acme/widget", new TrackerMilestone(0, "10.0", DueDate: new DateOnly(2013, 11, 29), Description: "Release 10.0"), Ct);

        Assert.Equal(12, milestone.Id);
        var request = Assert.Single(_lab.Requests);
        Assert.Equal(["description", "due_date", "title"], request.Fields);
        Assert.Equal("2013-11-29", request.Json.GetProperty("due_date").GetString());
        Assert.Equal(1, _lab.Fixture.Counter.Snapshot().Trackers["lab"].Count("POST", "milestones.create"));
    }

    [Fact]
    public async Task UploadFile_PostsMultipartFileFieldWithFileName_AndReturnsUrlAndMarkdown()
    {
        _lab.Stub("POST", "/uploads", 201, GitLabPayloads.Upload);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("PNGDATA"));

        var upload = await _lab.Client.Uploads().UploadFileAsync("acme/widget", "dk.png", content, Ct);

        Assert.Equal(new TrackerUpload("/uploads/66dbcd21ec5d24ed6ea225176098d52b/dk.png", "![dk](/uploads/66dbcd21ec5d24ed6ea225176098d52b/dk.png)"), upload);
        var request = Assert.Single(_lab.Requests);
        Assert.Equal("POST " + GitLabContract.Project + "/uploads", $"{request.Method} {request.Path}");
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        Assert.Contains("name=file", request.Body, StringComparison.Ordinal);
        Assert.Contains("filename=dk.png", request.Body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: image/png", request.Body, StringComparison.Ordinal);
        Assert.Contains("PNGDATA", request.Body, StringComparison.Ordinal);
        Assert.Equal(1, _lab.Fixture.Counter.Snapshot().Trackers["lab"].Count("POST", "uploads.create"));
    }
}
