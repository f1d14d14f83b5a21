namespace Sync.Worker.Direction;

/// <summary>
/// The page's only stylesheet, inlined so /direction works offline and loads nothing else. The column accents
/// are distinct colours used nowhere else on the page: the browser test finds them in the screenshot to prove
/// that Now, Next and Later render side by side.
/// </summary>
internal static class DirectionStyles
{
    public const string NowAccent = "#1a7f37";
    public const string NextAccent = "#0550ae";
    public const string LaterAccent = "#8250df";

    public const string Css = $$"""
        :root { color-scheme: light; --text: #1f2328; --muted: #57606a; --line: #d0d7de; --card: #ffffff; --page: #f6f8fa; --link: #0a3069; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--page); color: var(--text); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"; }
        header, main { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 32px; padding-bottom: 8px; }
        h1 { margin: 0 0 4px; font-size: 2rem; }
        header p { margin: 0; color: var(--muted); }
        a { color: var(--link); text-decoration: underline; text-underline-offset: 2px; }
        a:hover, a:focus { text-decoration-thickness: 2px; }
        .product { margin: 32px 0; padding: 24px; background: var(--card); border: 1px solid var(--line); border-radius: 12px; }
        .product h2 { margin: 0; font-size: 1.5rem; overflow-wrap: anywhere; }
        .project { margin-left: 8px; font-size: 1rem; font-weight: normal; color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .title, .roadmap-link { margin: 4px 0 0; color: var(--muted); }
        .empty { margin: 16px 0 0; padding: 16px; border: 1px dashed var(--line); border-radius: 8px; color: var(--muted); }
        .columns { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; margin-top: 20px; }
        @media (max-width: 800px) { .columns { grid-template-columns: minmax(0, 1fr); } }
        .column { padding: 12px; background: var(--page); border-radius: 8px; border-top: 6px solid var(--accent); }
        .column h3 { margin: 0 0 8px; font-size: 1.1rem; color: var(--accent); }
        .column.now { --accent: {{NowAccent}}; }
        .column.next { --accent: {{NextAccent}}; }
        .column.later { --accent: {{LaterAccent}}; }
        .cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
        .card { padding: 10px 12px; background: var(--card); border: 1px solid var(--line); border-radius: 6px; overflow-wrap: anywhere; }
        .card .issue { font-weight: 600; }
        .meta { margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 6px 12px; font-size: 0.875rem; color: var(--muted); }
        .badge { padding: 0 8px; border-radius: 999px; border: 1px solid var(--line); background: #eaeef2; color: var(--text); font-weight: 600; }
        .badge.rice-top { background: #fff1e5; border-color: #bc4c00; color: #762c00; }
        .badge.rice-high { background: #fff8c5; border-color: #9a6700; color: #4d2d00; }
        .none { margin: 0; color: var(--muted); font-style: italic; }
        .feed { margin: 4px 0 0; font-size: 0.875rem; }
        .trend { vertical-align: middle; margin-left: 4px; color: var(--link); }
        .meta .trend { display: block; margin: 2px 0 0; }
        .needs-input { margin-top: 20px; padding: 12px; background: var(--page); border-radius: 8px; border-left: 6px solid #bf3989; }
        .needs-input h3 { margin: 0 0 4px; font-size: 1.1rem; }
        .hint, .more { margin: 0 0 8px; color: var(--muted); font-size: 0.875rem; }
        .waiting { margin: 0 0 8px; padding-left: 24px; }
        .waiting li { margin: 4px 0; overflow-wrap: anywhere; }
        .waiting .demand { margin-left: 8px; color: var(--muted); font-size: 0.875rem; }
        .shipped { margin-top: 20px; }
        .shipped h3 { margin: 0 0 8px; font-size: 1.1rem; }
        .shipped ul { margin: 0; padding-left: 20px; }
        .shipped li { margin: 2px 0; overflow-wrap: anywhere; }
        .shipped time { color: var(--muted); font-size: 0.875rem; }
        footer { max-width: 1200px; margin: 0 auto; padding: 0 24px 32px; color: var(--muted); font-size: 0.875rem; }
        """;
}
