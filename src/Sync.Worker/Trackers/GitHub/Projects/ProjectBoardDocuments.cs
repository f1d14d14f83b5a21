using System.Globalization;
using System.Text;

namespace Sync.Worker.Trackers.GitHub.Projects;

/// <summary>The GraphQL documents of the Projects v2 adapter. Values travel as variables; only aliases are generated.</summary>
internal static class ProjectBoardDocuments
{
    public const int PageSize = 100;

    /// <summary>
    /// The project, its single-select field and one page of items. <c>repositoryOwner</c> with a
    /// <c>ProjectV2Owner</c> fragment reads an organisation's and a user's project alike in one request: asking
    /// <c>organization(login:)</c> first costs a second request for user-owned projects (after a NOT_FOUND), and
    /// asking <c>organization</c> and <c>user</c> together always yields a NOT_FOUND error for one of them.
    /// </summary>
    public const string Board = """
        query ProjectBoard($owner: String!, $number: Int!, $field: String!, $cursor: String) {
          repositoryOwner(login: $owner) {
            __typename
            ... on ProjectV2Owner {
              projectV2(number: $number) {
                id
                field(name: $field) {
                  __typename
                  ... on ProjectV2SingleSelectField { id name options { id name } }
                }
                items(first: 100, after: $cursor) {
                  pageInfo { hasNextPage endCursor }
                  nodes {
                    id
                    content {
                      __typename
                      ... on Issue { number repository { nameWithOwner } }
                    }
                    fieldValueByName(name: $field) {
                      __typename
                      ... on ProjectV2ItemFieldSingleSelectValue { optionId name }
                    }
                  }
                }
              }
            }
          }
        }
        """;

    public const string AddItem = """
        mutation AddProjectItem($projectId: ID!, $contentId: ID!) {
          addProjectV2ItemById(input: {projectId: $projectId, contentId: $contentId}) { item { id } }
        }
        """;

    public const string SetOption = """
        mutation SetProjectItemOption($projectId: ID!, $itemId: ID!, $fieldId: ID!, $optionId: String!) {
          updateProjectV2ItemFieldValue(input: {projectId: $projectId, itemId: $itemId, fieldId: $fieldId, value: {singleSelectOptionId: $optionId}}) {
            projectV2Item { id }
          }
        }
        """;

    /// <summary>Alias of issue <paramref name="number"/> in <see cref="IssueIds"/> (<c>i12</c>).</summary>
    public static string Alias(long number) => "i" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Node ids of several issues of one repository in one request: one aliased <c>issue(number:)</c> per issue,
    /// each number passed as its own variable (<c>$n12</c>). Returns the document and its variables.
    /// </summary>
    public static (string Document, Dictionary<string, object?> Variables) IssueIds(string owner, string name, IReadOnlyList<long> numbers)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["owner"] = owner, ["name"] = name };
        var declarations = new StringBuilder("$owner: String!, $name: String!");
        var selections = new StringBuilder();
        foreach (var number in numbers)
        {
            var n = number.ToString(CultureInfo.InvariantCulture);
            variables["n" + n] = ToGraphQlInt(number);
            declarations.Append(CultureInfo.InvariantCulture, $", $n{n}: Int!");
            selections.Append(CultureInfo.InvariantCulture, $"    {Alias(number)}: issue(number: $n{n}) {{ id }}\n");
        }

        var document = $"query IssueIds({declarations}) {{\n  repository(owner: $owner, name: $name) {{\n{selections}  }}\n}}\n";
        return (document, variables);
    }

    /// <summary>GraphQL <c>Int</c> is 32-bit.</summary>
    public static int ToGraphQlInt(long number) =>
        number is > 0 and <= int.MaxValue
            ? (int)number
            : throw new ArgumentOutOfRangeException(nameof(number), number, "GitHub issue and project numbers are positive 32-bit integers");
}
