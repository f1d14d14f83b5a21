using System.Net;
using Sync.Sandbox.Tests.Support;

namespace Sync.Sandbox.Tests.Web;

/// <summary>
/// The web views render tracker text, which anyone can write: nothing executable or unencoded may reach the page, while
/// the Markdown a tracker renders (tables, code, links) still does.
/// </summary>
public sealed class WebViewSafetyTests
{
    private const string HostileTitle = "Crash <b>bold</b> \"quoted\" 'single' <script>alert('t')</script>";

    private const string HostileMarkdown = """
        Intro with a [docs link](https://example.com/docs?a=1&b=2) and a [relative one](/acme/widget/-/issues/1).

        [click me](javascript:alert('link')) [encoded](jav&#x61;script:alert(2)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
        ![data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) <https://example.com/auto> <javascript:alert(10)>

        <script>alert('body')</script>

        <img src="x" onerror="alert('img')">

        <img src="https://example.com/ok.png" onload="alert(1)">

        <a href="javascript:alert(3)">raw link</a> <a href=" JAVASCRIPT:alert(4)">spaced</a>

        <iframe src="https://evil.example/"></iframe>

        <svg><script>alert(5)</script></svg>

        <div style="background:url(javascript:alert(7))">styled</div>

        <form action="https://evil.example/"><input name="password"><button formaction="javascript:alert(8)">go</button></form>

        <object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y">

        <base href="https://evil.example/">

        <meta http-equiv="refresh" content="0;url=https://evil.example/">

        <div onclick="alert(9)">
        raw *HTML* block
        </div>

        | Area | Votes |
        | --- | --- |
        | search | 12 |

        ```js
        if (a < b && c > d) { alert("in code") }
        ```

        Last, as it swallows what follows: <math><mtext><table><mglyph><style><img src=x onerror=alert(6)>
        """;

    [Theory]
    [InlineData("gitlab-dev", "acme/widget")]
    [InlineData("github", "acme/widget")]
    public async Task IssuePage_HostileBodyCommentAndTitle_NothingExecutableOrUnencodedSurvives(string instanceName, string project)
    {
        await using var server = await TestSandbox.StartAsync();
        var instance = server.Instances.Single(i => i.Name == instanceName);
        var issue = instance.AddIssue(project, HostileTitle, HostileMarkdown, ["bug"], author: "alice.martin");
        instance.AddNote(project, issue.Number, HostileMarkdown, author: "bob.chen");
        using var http = WebPages.Browser();
        var url = instance.IsGitHub ? $"{instance.WebUrl}{project}/issues/{issue.Number}" : $"{instance.WebUrl}{project}/-/issues/{issue.Number}";

        var (response, html, document) = await WebPages.GetAsync(http, url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Empty(WebPages.Executable(document));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // A javascript: or data: URL may survive as text (an autolink's words), never as an attribute a browser follows.
        Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a =>
            a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase) || a.Value.Contains("data:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil.example", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());

        // The title is text: the browser shows it exactly as written, and no <b> element exists in the heading.
        var heading = document.QuerySelector("h1 .title")!;
        Assert.Equal(HostileTitle, heading.TextContent);
        Assert.Empty(heading.Children);
        Assert.StartsWith(HostileTitle, document.Title, StringComparison.Ordinal);
        Assert.Contains("Crash &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot; &#39;single&#39;", html, StringComparison.Ordinal);

        // Both the body and the comment render their Markdown: a table, a code block with its text intact, links.
        var bodies = document.QuerySelectorAll(".body.markdown");
        Assert.Equal(2, bodies.Length);
        foreach (var body in bodies)
        {
            Assert.Equal(["Area", "Votes"], body.QuerySelectorAll("table th").Select(th => th.TextContent));
            Assert.Equal(["search", "12"], body.QuerySelectorAll("table td").Select(td => td.TextContent));
            Assert.Equal("if (a < b && c > d) { alert(\"in code\") }\n", body.QuerySelector("pre code")!.TextContent);
            Assert.Equal("https://example.com/docs?a=1&b=2", body.QuerySelector("a[href^='https://example.com/docs']")!.GetAttribute("href"));
            Assert.NotNull(body.QuerySelector("a[href='/acme/widget/-/issues/1']"));
            Assert.NotNull(body.QuerySelector("img[src='https://example.com/ok.png']"));
            Assert.Contains("raw *HTML* block", body.TextContent, StringComparison.Ordinal);
            Assert.Contains("click me", body.TextContent, StringComparison.Ordinal);
            Assert.Null(body.QuerySelector("input[name='password']"));
        }
    }

    [Fact]
    public async Task ProjectPage_HostileTitleAndLabel_AreEncoded()
    {
        await using var server = await TestSandbox.StartAsync();
        var gitLab = server.GitLab;
        gitLab.AddIssue("acme/gadget", HostileTitle, "body", ["<img src=x onerror=alert(1)>"]);
        using var http = WebPages.Browser();

        var (response, html, document) = await WebPages.GetAsync(http, $"{gitLab.WebUrl}acme/gadget");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(WebPages.Executable(document));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(document.QuerySelectorAll("table.issues a"), a => a.TextContent == HostileTitle);
        Assert.Contains(document.QuerySelectorAll(".label"), l => l.TextContent == "<img src=x onerror=alert(1)>");
    }
}
