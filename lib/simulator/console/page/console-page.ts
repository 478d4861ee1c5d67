import { createHash } from 'node:crypto';
import { CONSOLE_SCRIPT } from './console-page.script.js';
import { CONSOLE_STYLE, FEED_KINDS } from './console-page.style.js';

const HIDDEN_AT_START = new Set(['keepalive']);

const FEED_FILTERS = FEED_KINDS.map(
  (kind) =>
    `<label><input type="checkbox" data-kind="${kind}"${HIDDEN_AT_START.has(kind) ? '' : ' checked'}> ${kind}</label>`,
).join('\n        ');

/** The page: static markup filled by the script from `/api/events` and `/api/messages`. */
export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>naz-smsc console</title>
<style>${CONSOLE_STYLE}</style>
</head>
<body>
<header>
  <h1>naz-smsc console</h1>
  <span>SMPP <code id="smpp-address">…</code></span>
  <span>system_id <code id="smsc-system-id">…</code></span>
  <span id="connection" class="down">connecting…</span>
</header>
<main>
  <section>
    <h2>Bound sessions</h2>
    <table id="sessions">
      <thead><tr><th>#</th><th>system_id</th><th>bind mode</th><th>since</th><th>remote</th><th>PDUs in</th></tr></thead>
      <tbody id="sessions-body"></tbody>
    </table>

    <h2>Faults</h2>
    <fieldset id="faults">
      <label><input type="checkbox" id="fault-throttle"> Throttle every
        <input type="number" id="fault-throttle-n" min="1" value="2"> th submit (ESME_RTHROTTLED)</label>
      <label><input type="checkbox" id="fault-delay"> Delay every response by
        <input type="number" id="fault-delay-ms" min="0" value="500"> ms</label>
      <label><input type="checkbox" id="fault-drop"> Drop a connection after
        <input type="number" id="fault-drop-n" min="1" value="50"> PDUs</label>
      <label><input type="checkbox" id="fault-silent"> Silent: never answer submits, queries or enquire_link</label>
      <button type="button" id="drop-now">Drop every connection now</button>
      <button type="button" id="faults-clear">Turn every fault off</button>
      <div id="faults-error" class="bad"></div>
      <pre id="faults-current">no fault is on</pre>
    </fieldset>

    <h2>Send an MO message</h2>
    <form id="mo-form" class="mo">
      <label for="mo-text">Text</label><textarea id="mo-text" required>Hello from the naz-smsc console</textarea>
      <label for="mo-from">From</label><input id="mo-from" value="447700900001" maxlength="20">
      <label for="mo-to">To</label><input id="mo-to" value="1234" maxlength="20">
      <label for="mo-split">Long message</label>
      <select id="mo-split">
        <option value="udh8">UDH, 8-bit reference</option>
        <option value="udh16">UDH, 16-bit reference</option>
        <option value="sar">SAR TLVs</option>
        <option value="payload">one message_payload</option>
      </select>
      <label for="mo-system-id">To session</label><select id="mo-system-id"><option value="">any receiving session</option></select>
      <div class="row"><button type="submit" id="mo-send">Send MO</button></div>
      <div class="row muted" id="mo-result"></div>
    </form>
  </section>

  <section>
    <h2>Counters</h2>
    <table><tbody id="summary-body"></tbody></table>
    <div class="counters">
      <div><h2>Received</h2><table><tbody id="received-body"></tbody></table></div>
      <div><h2>Sent</h2><table><tbody id="sent-body"></tbody></table></div>
      <div><h2>Response statuses</h2><table id="statuses"><tbody id="statuses-body"></tbody></table></div>
    </div>
  </section>

  <section class="wide">
    <h2>Live traffic <button type="button" id="feed-pause">Pause</button>
      <button type="button" id="feed-clear">Clear</button> <span id="feed-held" class="muted"></span></h2>
    <div class="filters" id="feed-filters">
        ${FEED_FILTERS}
    </div>
    <div id="feed-wrap">
      <table id="feed">
        <thead><tr><th>time</th><th>dir</th><th>session</th><th>kind</th><th>command</th><th>status</th><th>message id</th><th>details</th></tr></thead>
        <tbody id="feed-body"></tbody>
      </table>
    </div>
  </section>

  <section class="wide">
    <h2>Message store <span id="messages-count" class="muted"></span></h2>
    <form id="lookup"><input id="lookup-id" placeholder="message id"> <button type="submit">Look up</button></form>
    <pre id="lookup-result" class="muted">query_sm, cancel_sm and replace_sm act on these; their marks show in the last column.</pre>
    <div id="messages-wrap">
      <table id="messages">
        <thead><tr><th>id</th><th>system_id</th><th>command</th><th>from</th><th>to</th><th>text</th><th>state</th><th>submitted</th><th>final</th><th>query / replace / cancel</th></tr></thead>
        <tbody id="messages-body"></tbody>
      </table>
    </div>
  </section>
</main>
<script>${CONSOLE_SCRIPT}</script>
</body>
</html>
`;

/**
 * Headers of the page: a Content-Security-Policy that allows exactly its own inline script (by hash) and
 * requests to itself, and no framing (the fault switches must not be clickable through another site's frame).
 */
export const CONSOLE_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': [
    "default-src 'none'",
    `script-src 'sha256-${createHash('sha256').update(CONSOLE_SCRIPT).digest('base64')}'`,
    "style-src 'unsafe-inline'",
    "connect-src 'self'",
    "img-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};
