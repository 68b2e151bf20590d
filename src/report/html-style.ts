// The HTML report's stylesheet (inline: the report loads nothing from anywhere).

/** CSS shared by recipe reports and the index page; readable from phone to laptop widths. */
export const REPORT_CSS = `
:root { --fg:#1f2328; --muted:#59636e; --bg:#ffffff; --panel:#f6f8fa; --line:#d1d9e0;
  --pass:#1a7f37; --fail:#cf222e; --skip:#9a6700; --notrun:#6e7781; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: .2rem 0 .4rem; }
h2 { font-size: 1.25rem; margin-top: 1.8rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
:not(pre) > code { background: var(--panel); padding: .1rem .3rem; border-radius: 4px; overflow-wrap: anywhere; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .75rem; overflow-x: auto; margin: .4rem 0; }
.summary { display: flex; flex-wrap: wrap; gap: .4rem .8rem; align-items: center; color: var(--muted); font-size: 14px; }
.badge { display: inline-block; border-radius: 999px; padding: .05rem .6rem; font-weight: 600; font-size: 13px; color: #fff; white-space: nowrap; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.skip { background: var(--skip); }
.badge.notrun, .badge.unrunnable, .badge.interrupted { background: var(--notrun); }
.totals span { margin-right: .6rem; white-space: nowrap; }
.notes { margin: .5rem 0; padding-left: 1.2rem; color: var(--muted); font-size: 14px; }
figure.topology { margin: 1rem 0; padding: .5rem; border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; background: #fbfcfd; }
figure.topology svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figure.topology figcaption { color: var(--muted); font-size: 13px; margin-top: .3rem; }
.step { border: 1px solid var(--line); border-left: 5px solid var(--notrun); border-radius: 6px; margin: .8rem 0; padding: .5rem .7rem; background: #fff; }
.step.pass { border-left-color: var(--pass); } .step.fail { border-left-color: var(--fail); } .step.skip { border-left-color: var(--skip); }
.step > header { display: flex; flex-wrap: wrap; gap: .3rem .7rem; align-items: center; font-size: 13px; color: var(--muted); }
.step .label { font-size: 12px; color: var(--muted); margin-top: .4rem; text-transform: uppercase; letter-spacing: .04em; }
pre.output { background: #0f1720; color: #e6edf3; border-color: #0f1720; }
.failure { border: 1px solid #f1aeb5; background: #fff5f5; border-radius: 6px; padding: .4rem .6rem; margin-top: .4rem; }
.failure p { margin: .2rem 0; overflow-wrap: anywhere; }
.failure ul { margin: .2rem 0; padding-left: 1.2rem; }
pre.diff .ins { color: #1a7f37; background: #dafbe1; display: block; } pre.diff .del { color: #cf222e; background: #ffebe9; display: block; }
.reason { color: var(--muted); font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
.table-wrap { overflow-x: auto; }
@media (max-width: 600px) { main { padding: .6rem; } h1 { font-size: 1.3rem; } body { font-size: 14px; }
  /* On a phone the diagram keeps its size and scrolls sideways inside its frame. */
  figure.topology svg { max-width: none; } }
.pattern { color: #0550ae; font-style: italic; border-bottom: 1px dotted #0550ae; }
.exercise { font-weight: 600; }
`;
