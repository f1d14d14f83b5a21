using Sync.Core.Trackers;

namespace Sync.Core.Tests.Trackers;

public sealed class TrackerUploadRefusedExceptionTests
{
    [Fact]
    public void Message_NamesTrackerAndFileNameOnOneLine()
    {
        var error = new TrackerUploadRefusedException("dev", "shot.png", "the answer is JSON\r\n(an API answer)");

        Assert.Equal("Tracker 'dev': upload 'shot.png' was refused: the answer is JSON  (an API answer)", error.Message);
        Assert.Equal("dev", error.TrackerName);
        Assert.Equal("shot.png", error.FileName);
        Assert.IsAssignableFrom<TrackerException>(error);
    }

    [Fact]
    public void Message_WithoutAFileName_DoesNotRepeatTheLink()
    {
        var error = new TrackerUploadRefusedException("dev", null, "it is not an upload link");

        Assert.Equal("Tracker 'dev': an upload link was refused: it is not an upload link", error.Message);
        Assert.Null(error.FileName);
    }
}
