namespace Sync.Sandbox.Model;

public sealed record SandboxUpload(long Id, string Secret, string FileName, string ContentType, byte[] Content)
{
    public string RelativeUrl => $"/uploads/{Secret}/{FileName}";
}
