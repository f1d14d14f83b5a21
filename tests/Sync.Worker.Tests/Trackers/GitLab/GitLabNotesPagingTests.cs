using Microsoft.Extensions.Time.Testing;
using Sync.Core.Trackers;
using Sync.Sandbox;
using Sync.Worker.Tests.Infrastructure;

namespace Sync.Worker.Tests.Trackers.GitLab;

/// <summary>
/// GitLab's notes API paginates first and then drops the notes the token may not read (lib/api/notes.rb), so a page can
/// be short, or empty, while more pages follow. Every readable note must still be read, and the issue stay movable.
/// </summary>
public sealed class GitLabNotesPagingTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(150, new[] { 50 }, 2)] // one hidden cross-reference on the first page: a short page, then the rest
    [InlineData(120, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100 }, 2)] // an empty first page
    [InlineData(100, new[] { 100 }, 1)] // one page, short by one, nothing follows
    public async Task ListComments_WithNotesTheTokenMayNotRead_ReadsEveryReadableNoteAcrossShortPages(int notes, int[] hidden, int requests)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Noon);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Time = time }, ct);
        var instance = sandbox.GitLabDev;
        instance.CreateProject("acme/long", isPrivate: true);
        instance.AddIssue("acme/long", "A long discussion", "Please.", [], "carol.diaz", createdAt: Noon.AddDays(-30));
        for (var n = 1; n <= notes; n++)
        {
            var note = instance.AddNote("acme/long", 1, $"Comment {n}", "bob.chen", at: Noon.AddDays(-30).AddMinutes(n));
            note.HiddenFromApi = hidden.Contains(n);
        }

        await using var harness = await SandboxTrackerHarness.CreateAsync("dev", TrackerKind.GitLab, instance, time, ct);

        var read = await harness.Trackers.Get("dev").ListCommentsAsync("acme/long", 1, ct).ToListAsync(ct);

        Assert.Equal(
            Enumerable.Range(1, notes).Where(n => !hidden.Contains(n)).Select(n => $"Comment {n}"),
            read.Select(c => c.Body));
        Assert.Equal(requests, harness.Counter.Snapshot().TotalFor("dev"));
    }
}
