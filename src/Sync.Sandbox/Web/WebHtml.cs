using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sync.Sandbox.Web;

/// <summary>The page shell and the encoders every web view writes with: one inline stylesheet, no script, no external resource.</summary>
internal static partial class WebHtml
{
    /// <summary>Only the page's own inline CSS and same-origin images; no script, frame, form or plugin may load.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string Css = """
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#fff}
        header.site{background:#24292f;color:#fff;padding:8px 24px;font-size:13px}
        header.site a{color:#fff}
        main{max-width:980px;margin:0 auto;padding:16px 24px}
        h1{font-size:26px;margin:8px 0}
        .number{color:#59636e;font-weight:400}
        .banner{border:2px solid #bf3989;background:#ffeff7;color:#7d1f5c;padding:10px 14px;border-radius:6px;font-weight:600;margin:12px 0}
        .state{display:inline-block;border-radius:2em;padding:2px 12px;color:#fff;font-weight:600;font-size:13px}
        .state.open{background:#1f883d}.state.closed{background:#8250df}
        .flag{display:inline-block;border-radius:2em;padding:2px 10px;font-size:12px;font-weight:600;background:#fff8c5;color:#7d4e00;border:1px solid #d4a72c}
        .label{display:inline-block;border-radius:2em;padding:0 8px;font-size:12px;font-weight:600;margin:0 4px 2px 0;border:1px solid rgba(0,0,0,.15)}
        .meta{color:#59636e;font-size:13px}
        .box{border:1px solid #d1d9e0;border-radius:6px;margin:12px 0}
        .box>.head{background:#f6f8fa;border-bottom:1px solid #d1d9e0;padding:6px 12px;font-size:13px;color:#59636e}
        .box>.body{padding:8px 14px;overflow-wrap:anywhere}
        .box.internal{border-color:#d4a72c}.box.internal>.head{background:#fff8c5;color:#7d4e00}
        .system{color:#59636e;font-size:13px;margin:8px 14px}
        .reactions{padding:4px 14px 10px}
        .reaction{display:inline-block;border:1px solid #d1d9e0;border-radius:2em;padding:0 8px;margin-right:4px;font-size:13px}
        table{border-collapse:collapse}th,td{border:1px solid #d1d9e0;padding:4px 8px;text-align:left;vertical-align:top}
        table.issues{width:100%}
        pre{background:#f6f8fa;padding:10px;overflow:auto;border-radius:6px}code{background:#f6f8fa;padding:0 3px;border-radius:3px}
        .board{display:flex;gap:12px;overflow-x:auto}.board .list{flex:0 0 240px;background:#f6f8fa;border-radius:6px;padding:8px}
        .board .list ul{list-style:none;padding:0;margin:0}.board .list li{background:#fff;border:1px solid #d1d9e0;border-radius:6px;padding:6px;margin:6px 0;font-size:13px}
        img{max-width:100%}
        """;

    /// <summary>HTML-encodes text for element content and double-quoted attributes; leaves every other character as it is.</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    public static string Time(DateTimeOffset at) =>
        $"<time datetime=\"{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\">{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</time>";

    public static string Date(DateOnly date) =>
        $"<time datetime=\"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\">{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}</time>";

    /// <summary>A label chip in the label's own colour; a colour that is not six hex digits falls back to grey.</summary>
    public static string Label(string name, string? color)
    {
        var hex = color?.TrimStart('#');
        if (hex is null || !HexColour().IsMatch(hex))
        {
            hex = "ededed";
        }

        var rgb = Convert.ToInt32(hex, 16);
        var luminance = ((0.299 * ((rgb >> 16) & 0xff)) + (0.587 * ((rgb >> 8) & 0xff)) + (0.114 * (rgb & 0xff))) / 255;
        var text = luminance > 0.6 ? "#1f2328" : "#ffffff";
        return $"<span class=\"label\" style=\"background:#{hex.ToLowerInvariant()};color:{text}\">{Encode(name)}</span>";
    }

    /// <summary>The whole document: header naming the emulated tracker, an optional private banner, then the body.</summary>
    public static string Page(SandboxInstance instance, string title, bool isPrivate, string body)
    {
        var sb = new StringBuilder(body.Length + Css.Length + 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta name=\"referrer\" content=\"no-referrer\">\n");
        sb.Append("<title>").Append(Encode(title)).Append(" · ").Append(Encode(instance.Name)).Append(" (sandbox)</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<header class=\"site\">Sandbox ").Append(Encode(instance.Kind)).Append(" <strong>").Append(Encode(instance.Name))
            .Append("</strong> · read-only view of the emulated tracker</header>\n<main>\n");
        if (isPrivate)
        {
            sb.Append("<p class=\"banner\" role=\"note\">Private project — only its members see this page</p>\n");
        }

        sb.Append(body).Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>A plain page for anything the tracker does not have.</summary>
    public static string NotFound(string what) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>404 Not Found</title>\n</head>\n<body>\n<h1>404 Not Found</h1>\n<p>"
        + Encode(what) + "</p>\n</body>\n</html>\n";

    [GeneratedRegex("^[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();
}
