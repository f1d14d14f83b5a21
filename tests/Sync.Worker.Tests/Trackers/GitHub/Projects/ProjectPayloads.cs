using System.Globalization;

namespace Sync.Worker.Tests.Trackers.GitHub.Projects;

/// <summary>
/// GraphQL answers in the shape GitHub documents for the adapter's documents: every selected field present (GraphQL
/// returns exactly the selection), <c>__typename</c> where selected, items of other kinds and repositories included.
/// </summary>
internal static class ProjectPayloads
{
    public const string ProjectId = "PVT_kwDOBQfyVc4AHkL9";
    public const string FieldId = "PVTSSF_lADOBQfyVc4AHkL9zgFPr3s";
    public const string Now = "47fc9ee4";
    public const string Next = "98236657";
    public const string Later = "f75ad846";

    public static string Board(string items, bool hasNextPage = false, string endCursor = "MTA", string? field = null) => $$"""
        {
          "data": {
            "repositoryOwner": {
              "__typename": "Organization",
              "projectV2": {
                "id": "{{ProjectId}}",
                "field": {{field ?? StatusField}},
                "items": {
                  "pageInfo": { "hasNextPage": {{(hasNextPage ? "true" : "false")}}, "endCursor": "{{endCursor}}" },
                  "nodes": [{{items}}]
                }
              }
            }
          }
        }
        """;

    public const string StatusField = $$"""
        {
          "__typename": "ProjectV2SingleSelectField",
          "id": "{{FieldId}}",
          "name": "Status",
          "options": [
            { "id": "{{Now}}", "name": "Now" },
            { "id": "{{Next}}", "name": "Next" },
            { "id": "{{Later}}", "name": "Later" }
          ]
        }
        """;

    /// <summary>A text field of the same name: the single-select fragment does not apply.</summary>
    public const string TextField = """{ "__typename": "ProjectV2Field" }""";

    public static string IssueItem(long number, string? optionId, string repository = "acme/widget")
    {
        var n = number.ToString(CultureInfo.InvariantCulture);
        var value = optionId is null
            ? "null"
            : $$"""{ "__typename": "ProjectV2ItemFieldSingleSelectValue", "optionId": "{{optionId}}", "name": "{{OptionName(optionId)}}" }""";
        return $$"""
            {
              "id": "PVTI_lADOBQfyVc4AHkL9zgI{{n}}",
              "content": { "__typename": "Issue", "number": {{n}}, "repository": { "nameWithOwner": "{{repository}}" } },
              "fieldValueByName": {{value}}
            }
            """;
    }

    /// <summary>A draft issue and a pull request: the Issue fragment selects nothing on them.</summary>
    public const string OtherItems = """
        { "id": "PVTI_lADOBQfyVc4AHkL9zgDraft", "content": { "__typename": "DraftIssue" }, "fieldValueByName": null },
        { "id": "PVTI_lADOBQfyVc4AHkL9zgPull1", "content": { "__typename": "PullRequest" },
          "fieldValueByName": { "__typename": "ProjectV2ItemFieldSingleSelectValue", "optionId": "98236657", "name": "Next" } }
        """;

    public static string IssueIds(params long[] numbers) =>
        $$"""{ "data": { "repository": { {{string.Join(", ", numbers.Select(n => $"\"i{n}\": {{ \"id\": \"I_kwDOHzL0Ac5{n}\" }}"))}} } } }""";

    public static string ContentId(long number) => "I_kwDOHzL0Ac5" + number.ToString(CultureInfo.InvariantCulture);

    public static string Added(string itemId) =>
        $$"""{ "data": { "addProjectV2ItemById": { "item": { "id": "{{itemId}}" } } } }""";

    public static string Updated(string itemId) =>
        $$"""{ "data": { "updateProjectV2ItemFieldValue": { "projectV2Item": { "id": "{{itemId}}" } } } }""";

    public const string ProjectNotFound = """
        {
          "data": { "repositoryOwner": { "__typename": "Organization", "projectV2": null } },
          "errors": [
            {
              "type": "NOT_FOUND",
              "path": ["repositoryOwner", "projectV2"],
              "locations": [{ "line": 5, "column": 7 }],
              "message": "Could not resolve to a ProjectV2 with the number 3."
            }
          ]
        }
        """;

    public const string InsufficientScopes = """
        {
          "errors": [
            {
              "type": "INSUFFICIENT_SCOPES",
              "locations": [{ "line": 5, "column": 7 }],
              "message": "Your token has not been granted the required scopes to execute this query. The 'projectV2' field requires one of the following scopes: ['read:project'], but your token has only been granted the: ['repo'] scopes."
            }
          ]
        }
        """;

    public const string BadCredentials = """
        { "message": "Bad credentials", "documentation_url": "https://docs.github.com/graphql", "status": "401" }
        """;

    private static string OptionName(string optionId) => optionId switch
    {
        Now => "Now",
        Next => "Next",
        Later => "Later",
        _ => "Other",
    };
}
