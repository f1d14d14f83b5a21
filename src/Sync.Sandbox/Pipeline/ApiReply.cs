using System.Text.Json.Nodes;

namespace Sync.Sandbox.Pipeline;

/// <summary>What a handler answers; the pipeline turns it into bytes, ETag, rate-limit headers and faults.</summary>
internal sealed record ApiReply(int Status, JsonNode? Json = null, string? Text = null)
{
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    public byte[]? Raw { get; init; }
    public string? ContentType { get; init; }

    public static ApiReply Ok(JsonNode json) => new(200, json);

    public static ApiReply Created(JsonNode json) => new(201, json);

    public static ApiReply NoContent() => new(204);

    public ApiReply WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
