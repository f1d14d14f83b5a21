namespace Sync.Sandbox;

public enum SandboxFaultKind
{
    /// <summary>Before the handler: answer with <see cref="SandboxFault.Status"/> (default 500) and a tracker-looking error body.</summary>
    ServerError,

    /// <summary>
    /// Before the handler: the tracker refuses the request as it refuses a bad write, with <see cref="SandboxFault.Status"/>
    /// (default 422) and <see cref="SandboxFault.Message"/> in the tracker's error body. Nothing is stored, and a client
    /// must not retry it: a 4xx other than 408/429 is not a transient fault.
    /// </summary>
    Refused,

    /// <summary>Before the handler: hold the request far longer than any client timeout, until the client aborts.</summary>
    Timeout,

    /// <summary>200 with the JSON body cut in half.</summary>
    MalformedJson,

    /// <summary>A list page with only half of its items but the full paging headers.</summary>
    TruncatedPage,

    /// <summary>The handler runs and its change is stored, then the connection is aborted with no response at all.</summary>
    CommitThenDrop,

    /// <summary>
    /// The handler runs and its change is stored, then the answer is <see cref="SandboxFault.Status"/> (default 502) with
    /// the tracker's usual error body, as <see cref="ServerError"/> gives before the handler.
    /// </summary>
    CommitThenError,

    /// <summary>The handler runs and its change is stored, then the answer is held back until the client gives up.</summary>
    CommitThenHang,

    /// <summary>
    /// The request is answered normally, but right after its answer was built (so before the client can send its next
    /// request) issue <see cref="SandboxFault.UpdateIssue"/> of project <see cref="SandboxFault.UpdateProject"/> is updated
    /// as a human edit would: <c>updated_at</c> becomes the instance's now. Between two page requests of a listing
    /// sorted by <c>updated_at</c>, this is what makes offset pages drift.
    /// </summary>
    UpdateIssueAfterAnswer,
}

/// <summary>
/// A fault for requests of one instance. A request matches when it authenticated and passes every filter that is set:
/// <see cref="Method"/> (case-insensitive), <see cref="PathContains"/> (a substring of the request path, case-insensitive)
/// and <see cref="Endpoint"/> (exactly the stats key, e.g. <c>"POST /projects/:id/issues/:iid/notes"</c>, which unlike a
/// path substring does not also match <c>.../notes/:note_id/award_emoji</c>). The first <see cref="Skip"/> matching
/// requests pass untouched, the next <see cref="Count"/> get the fault, then it is gone: "the 2nd POST to notes" is
/// <c>new(CommitThenDrop, Skip: 1, Endpoint: "POST /projects/:id/issues/:iid/notes")</c>.
/// <see cref="Operation"/> picks GraphQL requests by a top-level field of their document (a mutation such as
/// <c>closeDiscussion</c>, or a query root such as <c>repository</c>), since every GraphQL request shares one endpoint.
/// The <c>CommitThen*</c> kinds match only requests the rate limiter let through, as only those reach the handler;
/// a request the limiter rejects neither gets the fault nor counts towards <see cref="Skip"/>.
/// </summary>
public sealed record SandboxFault(
    SandboxFaultKind Kind,
    int Count = 1,
    int? Status = null,
    string? PathContains = null,
    string? Method = null,
    int Skip = 0,
    string? Endpoint = null,
    string? UpdateProject = null,
    int? UpdateIssue = null,
    string? Message = null,
    string? Operation = null)
{
    /// <summary>
    /// The status a <see cref="SandboxFaultKind.ServerError"/> (500), <see cref="SandboxFaultKind.CommitThenError"/> (502) or
    /// <see cref="SandboxFaultKind.Refused"/> (422) answers.
    /// </summary>
    public int ErrorStatus => Status ?? Kind switch
    {
        SandboxFaultKind.CommitThenError => 502,
        SandboxFaultKind.Refused => 422,
        _ => 500,
    };

    /// <summary>Whether the fault strikes after the handler committed (else before the handler).</summary>
    public bool AfterCommit => Kind is SandboxFaultKind.CommitThenDrop or SandboxFaultKind.CommitThenError or SandboxFaultKind.CommitThenHang
        or SandboxFaultKind.UpdateIssueAfterAnswer;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Count, 1, nameof(Count));
        ArgumentOutOfRangeException.ThrowIfNegative(Skip, nameof(Skip));
        if (Kind == SandboxFaultKind.UpdateIssueAfterAnswer && (UpdateProject is null || UpdateIssue is null))
        {
            throw new ArgumentException($"{Kind} needs {nameof(UpdateProject)} and {nameof(UpdateIssue)}");
        }
    }

    internal bool Matches(string method, string path, string endpoint, IReadOnlyCollection<string>? operations = null) =>
        (Operation is null || (operations?.Contains(Operation, StringComparer.Ordinal) ?? false))
        && (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.OrdinalIgnoreCase))
        && (Endpoint is null || Endpoint.Equals(endpoint, StringComparison.OrdinalIgnoreCase));
}
