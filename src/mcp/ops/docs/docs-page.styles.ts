/** The page's only stylesheet, inlined (no external assets, no build step). */
export const DOCS_PAGE_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa;
  --line: #d0d7de; --accent: #0b5cad; --badge: #eaeef2; --warn: #9a3412; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117;
  --panel: #161b22; --line: #30363d; --accent: #58a6ff; --badge: #21262d; --warn: #fdba74; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { background: var(--panel); border-bottom: 1px solid var(--line); }
.wrap { max-width: 1000px; margin: 0 auto; padding: 0 24px; }
header .wrap { padding-top: 28px; padding-bottom: 20px; }
h1 { margin: 0 0 4px; font-size: 28px; }
h2 { margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); font-size: 22px; }
h3 { margin: 0; font-size: 18px; }
h3 code { font-size: 17px; font-weight: 700; background: none; padding: 0; }
h4 { margin: 16px 0 6px; font-size: 14px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
p { margin: 8px 0; }
a { color: var(--accent); }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { background: var(--badge); padding: 1px 5px; border-radius: 4px; }
pre { background: var(--panel); border: 1px solid var(--line); padding: 12px; border-radius: 6px; overflow-x: auto; }
.sub { color: var(--muted); margin: 0; }
nav ul { list-style: none; padding: 0; margin: 14px 0 0; display: flex; flex-wrap: wrap; gap: 8px 18px; }
.entry { border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin: 14px 0; }
.entry-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px; }
.entry-head .title { color: var(--muted); }
.badges { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; padding: 0; list-style: none; }
.badge { background: var(--badge); border: 1px solid var(--line); border-radius: 999px; padding: 0 9px; font-size: 12px; }
.badge.write { color: var(--warn); border-color: var(--warn); }
table { width: 100%; border-collapse: collapse; margin: 6px 0 4px; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; }
td.req { white-space: nowrap; }
.note { display: block; color: var(--muted); font-size: 12.5px; }
.none { color: var(--muted); font-style: italic; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 8px 0; }
dt { font-weight: 600; }
dd { margin: 0; }
footer { margin: 48px 0 32px; color: var(--muted); font-size: 13px; }
`;
