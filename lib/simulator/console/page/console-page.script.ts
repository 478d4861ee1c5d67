/**
 * The console page's script: plain browser JavaScript, no build step, no library.
 *
 * @remarks
 * Everything that came off the wire (texts, addresses, system ids) is put in the page with `textContent`, never
 * as HTML, so an MO or submit text cannot inject markup. Written without template literals, so it can live in
 * this TypeScript string as it is.
 */
export const CONSOLE_SCRIPT = String.raw`
'use strict';
(function () {
  var MAX_ROWS = 500;
  var SILENT_COMMANDS = ['submit_sm', 'submit_multi', 'data_sm', 'query_sm', 'cancel_sm', 'replace_sm', 'enquire_link'];
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function pad(n, width) { return String(n).padStart(width, '0'); }
  function clock(ms) {
    var d = new Date(ms);
    return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + '.' + pad(d.getMilliseconds(), 3);
  }
  function ago(ms) {
    var s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    return s < 60 ? s + ' s ago' : s < 3600 ? Math.floor(s / 60) + ' min ago' : Math.floor(s / 3600) + ' h ago';
  }
  function api(method, path, body) {
    var init = { method: method, headers: {} };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) {
        if (!res.ok) {
          var error = new Error(json.message || ('HTTP ' + res.status));
          error.field = json.field;
          throw error;
        }
        return json;
      });
    });
  }

  // ---- state: sessions, counters, faults ---------------------------------------------------------------
  function fillCounts(id, record) {
    var body = $(id);
    body.replaceChildren();
    var keys = Object.keys(record);
    if (keys.length === 0) body.append(row([el('td', 'none yet', 'muted')]));
    keys.forEach(function (key) {
      var tr = row([el('td', key), el('td', record[key], 'num')]);
      tr.dataset.key = key;
      if (key !== 'ESME_ROK' && id === 'statuses-body') tr.className = 'bad';
      body.append(tr);
    });
  }
  function row(cells) { var tr = document.createElement('tr'); tr.append.apply(tr, cells); return tr; }

  function renderSessions(sessions) {
    var body = $('sessions-body');
    body.replaceChildren();
    var bound = sessions.filter(function (s) { return s.bindType; });
    if (bound.length === 0) {
      var td = el('td', 'No bound session: point an ESME at the SMPP address above.', 'muted');
      td.colSpan = 6;
      body.append(row([td]));
    }
    bound.forEach(function (s) {
      var since = Date.parse(s.boundAt);
      var tr = row([
        el('td', s.id, 'num'), el('td', s.systemId), el('td', s.bindType),
        el('td', clock(since) + ' (' + ago(since) + ')'), el('td', s.remoteAddress + ':' + s.remotePort),
        el('td', s.pdusReceived, 'num'),
      ]);
      tr.dataset.systemId = s.systemId;
      body.append(tr);
    });
    var select = $('mo-system-id');
    var chosen = select.value;
    var ids = [];
    bound.forEach(function (s) {
      if (s.bindType !== 'transmitter' && ids.indexOf(s.systemId) < 0) ids.push(s.systemId);
    });
    select.replaceChildren(el('option', 'any receiving session'));
    select.firstChild.value = '';
    ids.forEach(function (id) { var o = el('option', id); o.value = id; select.append(o); });
    select.value = ids.indexOf(chosen) >= 0 ? chosen : '';
  }

  function renderSummary(state) {
    var st = state.stats;
    var items = [
      ['uptime', Math.round(st.uptimeMs / 1000) + ' s'],
      ['connections', st.connections.open + ' open / ' + st.connections.total + ' total'],
      ['submits accepted', st.submitsAccepted],
      ['receipts', st.receiptsSent + ' sent, ' + st.receiptsPending + ' pending'],
      ['MO', st.moSent + ' messages, ' + st.moPdusSent + ' deliver_sm'],
      ['faults fired', 'throttled ' + st.faults.throttled + ', queue full ' + st.faults.queueFull + ', delayed ' +
        st.faults.delayed + ', unanswered ' + st.faults.unanswered + ', dropped ' + st.faults.dropped],
      ['store', st.store.size + ' / ' + st.store.capacity + ' messages'],
      ['feed', state.feed.size + ' events held, ' + state.feed.skipped + ' PDUs skipped (rate cap)'],
    ];
    var body = $('summary-body');
    body.replaceChildren();
    items.forEach(function (item) { body.append(row([el('th', item[0]), el('td', item[1])])); });
  }

  function setSwitch(checkboxId, inputId, value) {
    var box = $(checkboxId);
    if (document.activeElement !== box) box.checked = value !== undefined;
    if (inputId && value !== undefined && document.activeElement !== $(inputId)) {
      $(inputId).value = typeof value === 'number' ? value : value.min;
    }
  }
  function renderFaults(faults) {
    setSwitch('fault-throttle', 'fault-throttle-n', faults.throttleEveryNth);
    setSwitch('fault-delay', 'fault-delay-ms', faults.responseDelayMs);
    setSwitch('fault-drop', 'fault-drop-n', faults.dropAfterPdus);
    setSwitch('fault-silent', null, faults.neverAnswerEveryNth === 1 ? 1 : undefined);
    $('faults-current').textContent = Object.keys(faults).length ? JSON.stringify(faults, null, 1) : 'no fault is on';
  }

  function renderState(state) {
    $('smpp-address').textContent = state.simulator.url;
    $('smsc-system-id').textContent = state.simulator.systemId;
    renderSessions(state.sessions);
    renderSummary(state);
    fillCounts('received-body', state.stats.received);
    fillCounts('sent-body', state.stats.sent);
    fillCounts('statuses-body', state.stats.statuses);
    renderFaults(state.faults);
  }

  // ---- live feed ----------------------------------------------------------------------------------------
  var feedBody = $('feed-body');
  var paused = false;
  var held = [];

  function feedRow(e) {
    var details = [];
    if (e.from !== undefined || e.to !== undefined) details.push((e.from || '?') + ' \u2192 ' + (e.to || '?'));
    if (e.text !== undefined) details.push('"' + e.text + '"');
    if (e.part) details.push('part ' + e.part);
    if (e.state) details.push(e.state);
    if (e.note) details.push(e.note);
    var status = el('td', e.status || '');
    if (e.status && e.status !== 'ESME_ROK') status.className = 'bad';
    var tr = row([
      el('td', clock(e.at)), el('td', e.direction === 'in' ? 'ESME \u2192' : '\u2190 SMSC'),
      el('td', '#' + e.connectionId + ' ' + e.systemId), el('td', e.kind), el('td', e.command),
      status, el('td', e.messageId || ''), el('td', details.join('  '), 'details'),
    ]);
    tr.className = 'kind-' + e.kind + ' dir-' + e.direction;
    tr.dataset.id = e.id;
    tr.dataset.kind = e.kind;
    tr.dataset.at = e.at;
    if (e.messageId) tr.dataset.messageId = e.messageId;
    return tr;
  }
  function addFeed(events) {
    if (paused) {
      held = held.concat(events).slice(-MAX_ROWS);
      $('feed-held').textContent = held.length + ' new';
      return;
    }
    events.forEach(function (e) { feedBody.insertBefore(feedRow(e), feedBody.firstChild); });
    while (feedBody.rows.length > MAX_ROWS) feedBody.lastChild.remove();
  }
  function addGap(missed) {
    var td = el('td', missed + ' events were missed while this page was disconnected or too slow.');
    td.colSpan = 8;
    var tr = row([td]);
    tr.className = 'gap';
    feedBody.insertBefore(tr, feedBody.firstChild);
  }
  $('feed-pause').addEventListener('click', function () {
    paused = !paused;
    this.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) { var events = held; held = []; $('feed-held').textContent = ''; addFeed(events); }
  });
  $('feed-clear').addEventListener('click', function () { feedBody.replaceChildren(); });
  document.querySelectorAll('#feed-filters input').forEach(function (box) {
    var apply = function () { $('feed').classList.toggle('hide-' + box.dataset.kind, !box.checked); };
    box.addEventListener('change', apply);
    apply();
  });

  // ---- message store ------------------------------------------------------------------------------------
  function flags(m) {
    return [m.queried ? 'queried' : '', m.replaced ? 'replaced' : '', m.cancelled ? 'cancelled' : '']
      .filter(Boolean).join(', ');
  }
  function refreshMessages() {
    return api('GET', '/api/messages?limit=50').then(function (res) {
      $('messages-count').textContent = res.size + ' held (capacity ' + res.capacity + '), newest 50 shown';
      var body = $('messages-body');
      body.replaceChildren();
      res.messages.forEach(function (m) {
        var tr = row([
          el('td', m.messageId), el('td', m.systemId), el('td', m.command), el('td', m.from), el('td', m.to),
          el('td', (m.text === undefined ? (m.note || '') : m.text) + (m.part ? ' (part ' + m.part + ')' : ''), 'details'),
          el('td', m.state, m.state === 'ENROUTE' ? '' : m.state === 'DELIVRD' ? '' : 'bad'),
          el('td', clock(Date.parse(m.submittedAt))), el('td', clock(Date.parse(m.finalAt))), el('td', flags(m)),
        ]);
        tr.dataset.messageId = m.messageId;
        tr.dataset.state = m.state;
        body.append(tr);
      });
    }).catch(function (error) { $('messages-count').textContent = 'could not read the store: ' + error.message; });
  }
  setInterval(function () { if (!document.hidden) refreshMessages(); }, 2000);
  refreshMessages();
  $('lookup').addEventListener('submit', function (event) {
    event.preventDefault();
    var id = $('lookup-id').value.trim();
    api('GET', '/api/messages/' + encodeURIComponent(id)).then(function (m) {
      $('lookup-result').textContent = JSON.stringify(m, null, 1);
    }).catch(function (error) { $('lookup-result').textContent = error.message; });
  });

  // ---- MO form ------------------------------------------------------------------------------------------
  $('mo-form').addEventListener('submit', function (event) {
    event.preventDefault();
    document.querySelectorAll('#mo-form .invalid').forEach(function (n) { n.classList.remove('invalid'); });
    var body = {
      text: $('mo-text').value, source_addr: $('mo-from').value, destination_addr: $('mo-to').value,
      split: $('mo-split').value,
    };
    if ($('mo-system-id').value) body.system_id = $('mo-system-id').value;
    var result = $('mo-result');
    result.className = 'row muted';
    result.textContent = 'sending…';
    api('POST', '/api/mo', body).then(function (res) {
      result.className = 'row';
      result.textContent = 'Sent as ' + res.pdus + ' deliver_sm' + (res.pdus === 1 ? '' : ' (one per part)') + '.';
    }).catch(function (error) {
      result.className = 'row bad';
      result.textContent = error.message;
      var field = { text: 'mo-text', source_addr: 'mo-from', destination_addr: 'mo-to', split: 'mo-split', system_id: 'mo-system-id' }[error.field];
      if (field) $(field).classList.add('invalid');
    });
  });

  // ---- faults -------------------------------------------------------------------------------------------
  function patchFaults(patch) {
    $('faults-error').textContent = '';
    return api('POST', '/api/faults', patch).then(function (res) { renderFaults(res.faults); })
      .catch(function (error) { $('faults-error').textContent = error.message; });
  }
  function numberSwitch(checkboxId, inputId, key) {
    var send = function () {
      var patch = {};
      patch[key] = $(checkboxId).checked ? Number($(inputId).value) : null;
      patchFaults(patch);
    };
    $(checkboxId).addEventListener('change', send);
    $(inputId).addEventListener('change', function () { if ($(checkboxId).checked) send(); });
  }
  numberSwitch('fault-throttle', 'fault-throttle-n', 'throttleEveryNth');
  numberSwitch('fault-delay', 'fault-delay-ms', 'responseDelayMs');
  numberSwitch('fault-drop', 'fault-drop-n', 'dropAfterPdus');
  $('fault-silent').addEventListener('change', function () {
    patchFaults(this.checked
      ? { neverAnswerEveryNth: 1, neverAnswerCommands: SILENT_COMMANDS }
      : { neverAnswerEveryNth: null, neverAnswerCommands: null });
  });
  $('faults-clear').addEventListener('click', function () {
    api('POST', '/api/faults/clear', {}).then(function (res) { renderFaults(res.faults); });
  });
  $('drop-now').addEventListener('click', function () {
    api('POST', '/api/sessions/drop', {}).then(function (res) {
      $('faults-error').textContent = 'dropped ' + res.dropped + ' connection(s)';
    });
  });

  // ---- the event stream ---------------------------------------------------------------------------------
  var connection = $('connection');
  var source = new EventSource('/api/events');
  source.addEventListener('open', function () { connection.textContent = 'live'; connection.className = 'live'; });
  source.addEventListener('error', function () { connection.textContent = 'reconnecting…'; connection.className = 'down'; });
  source.addEventListener('state', function (e) { renderState(JSON.parse(e.data)); });
  source.addEventListener('feed', function (e) { addFeed(JSON.parse(e.data)); });
  source.addEventListener('gap', function (e) { addGap(JSON.parse(e.data).missed); });
})();
`;
