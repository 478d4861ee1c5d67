import type { ConsoleFeedKind } from '../feed/console-feed-event.interface.js';

/** Feed kinds the page can hide; keep-alives start hidden (one pair every enquire_link interval per session). */
export const FEED_KINDS: readonly ConsoleFeedKind[] = [
  'submit',
  'response',
  'receipt',
  'mo',
  'bind',
  'query',
  'cancel',
  'replace',
  'unbind',
  'session',
  'keepalive',
  'malformed',
  'other',
];

/** The console page's stylesheet. */
export const CONSOLE_STYLE = `
:root { color-scheme: light dark; --muted: #777; --line: #8884; --accent: #2a7ae2; --bad: #d33; --warn: #c80; }
* { box-sizing: border-box; }
body { font: 13px/1.4 system-ui, sans-serif; margin: 0; padding: 0 16px 24px; }
header { display: flex; gap: 16px; align-items: baseline; padding: 10px 0; border-bottom: 1px solid var(--line); }
header h1 { font-size: 16px; margin: 0; }
header code { font-size: 13px; }
#connection { margin-left: auto; font-weight: 600; }
#connection.live { color: #2a2; } #connection.down { color: var(--bad); }
main { display: grid; grid-template-columns: minmax(380px, 1fr) minmax(380px, 1fr); gap: 12px 24px; }
section { min-width: 0; } section.wide { grid-column: 1 / -1; }
h2 { font-size: 14px; margin: 14px 0 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.counters { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }
.muted { color: var(--muted); }
.bad { color: var(--bad); } .warn { color: var(--warn); }
fieldset { border: 1px solid var(--line); margin: 0; padding: 8px 10px; }
fieldset label { display: block; margin: 4px 0; }
input[type=number] { width: 5.5em; }
form.mo { display: grid; grid-template-columns: auto 1fr; gap: 4px 8px; align-items: center; }
form.mo textarea { width: 100%; min-height: 3.2em; }
form.mo .row { grid-column: 1 / -1; }
.invalid { outline: 2px solid var(--bad); }
#feed-wrap { max-height: 420px; overflow: auto; border: 1px solid var(--line); }
#feed td { white-space: nowrap; } #feed td.details { white-space: normal; }
#feed tr.dir-out td:nth-child(2) { color: var(--accent); }
#feed tr.gap td { color: var(--warn); font-style: italic; }
.filters label { margin-right: 10px; white-space: nowrap; }
#messages-wrap { max-height: 360px; overflow: auto; border: 1px solid var(--line); }
pre { background: #8881; padding: 6px; overflow: auto; max-height: 240px; margin: 6px 0; }
${FEED_KINDS.map((k) => `#feed.hide-${k} tr.kind-${k}`).join(', ')} { display: none; }
`;
