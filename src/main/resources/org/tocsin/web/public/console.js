// Tocsin operator console: log in, draft a manual alert (status, template, texts, areas), approve
// or reject drafts, send the ready corrections of alerts in force. API: docs/console-api.md.
// Everything the operator sees says the status in words and in its colour, so that a drill is
// never sent as a real alert, nor a real alert as a drill.
(function () {
  'use strict';

  // ---- Constants ----------------------------------------------------------------------------

  const PALETTE = window.tocsinCommon.PALETTE;
  const TAGS = { Actual: 'ACTUAL · СПРАВЖНЯ', Exercise: 'НАВЧАННЯ · EXERCISE', Test: 'ТЕСТ · TEST' };
  const BANNERS = {
    Actual: 'ACTUAL — REAL ALERT · СПРАВЖНЯ ТРИВОГА',
    Exercise: 'НАВЧАННЯ · EXERCISE — not a real alert',
    Test: 'ТЕСТ · TEST — not a real alert'
  };
  // How the submit confirmation names the draft's status, in words.
  const DRAFT_WORDS = {
    Actual: 'an ACTUAL draft — a REAL alert —',
    Exercise: 'an EXERCISE draft (a drill, not a real alert)',
    Test: 'a TEST draft (a test message, not a real alert)'
  };
  const READY_LABELS = { cancel: 'Cancel', correction: 'Correction (sent in error)', 'all-clear': 'All-clear' };
  const SELECTED = '#1e63b5';
  const CSRF_KEY = 'tocsin.csrf';
  // Template text keys and the textareas that edit them.
  const TEXT_FIELDS = [
    ['headlineUk', 'headline-uk'], ['headlineEn', 'headline-en'],
    ['descriptionUk', 'description-uk'], ['descriptionEn', 'description-en'],
    ['instructionUk', 'instruction-uk'], ['instructionEn', 'instruction-en']
  ];
  const NAMES_SHOWN = 20;

  const state = {
    session: null,              // {account, role} while logged in
    status: 'Exercise',         // the status being drafted; Exercise is the safe default
    templates: {},              // id -> template, of state.status only
    template: null,             // the chosen template, or null
    selected: new Set(),        // area ids picked by clicking
    polygon: null,              // the finished GeoJSON Polygon, or null
    drawing: null,              // [L.LatLng] while drawing a polygon, else null
    audience: null,             // the last /api/v1/audience answer for the selection
    audienceIds: new Set(),     // every area in that audience (the polygon's too)
    audiencePending: Promise.resolve(null),
    audienceSeq: 0,
    templatesSeq: 0,
    alerts: [],
    drawn: {},                  // areaId -> {level, status} of the alert colouring, as drawn
    clock: { serverTime: 0, receivedAt: 0, rate: 1 },
    timers: [],
    source: null
  };

  const layers = {};            // areaId -> Leaflet layer
  const styleCache = {};        // areaId -> last style applied, to skip needless redraws
  let map = null, drawLayer = null, threatLayer = null, lastThreats = '';

  // ---- Small helpers ------------------------------------------------------------------------

  function $(id) { return document.getElementById(id); }

  // An element with a class and text; all text goes through textContent, never innerHTML,
  // because draft texts are typed by people and area names come from the area file.
  const el = window.tocsinCommon.el;
  const textTooltip = window.tocsinCommon.textTooltip;

  function statusTag(status) {
    return el('span', 'status-tag ' + status, TAGS[status] || status);
  }

  function km2(value) { return Number(value || 0).toFixed(1) + ' km²'; }

  function areaCount(n) { return n + (n === 1 ? ' area' : ' areas'); }

  function areaName(a) { return typeof a === 'string' ? a : a.nameUk + ' · ' + a.nameEn; }

  function namesLine(areas) {
    const names = areas.slice(0, NAMES_SHOWN).map(areaName).join(', ');
    return areas.length > NAMES_SHOWN ? names + ' … +' + (areas.length - NAMES_SHOWN) : names;
  }

  function populationText(population) {
    return population === null || population === undefined
      ? 'population: not in this area set'
      : 'population: ' + Number(population).toLocaleString('en');
  }

  function notice(text, problem) {
    const out = $('notice');
    out.textContent = text;
    out.classList.toggle('problem', !!problem);
  }

  function csrf() { return sessionStorage.getItem(CSRF_KEY); }

  // ---- The API ------------------------------------------------------------------------------

  // One request; resolves to {ok, status, body} whatever the status, so callers show problems.
  function api(method, path, body) {
    const headers = {};
    const init = { method: method, credentials: 'same-origin', headers: headers };
    if (method !== 'GET' && csrf()) headers['X-CSRF-Token'] = csrf();
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      const type = response.headers.get('Content-Type') || '';
      const parsed = response.status === 204 || !type.includes('json')
        ? Promise.resolve(null) : response.json().catch(function () { return null; });
      return parsed.then(function (json) { return { ok: response.ok, status: response.status, body: json }; });
    });
  }

  // A request that needs the session: a 401 means it has ended, so back to the login form.
  function authed(method, path, body) {
    return api(method, path, body).then(function (result) {
      if (result.status === 401 && state.session) leaveConsole('Your session has ended; log in again.');
      return result;
    });
  }

  function problemText(result) {
    const b = result.body;
    return (b && (b.detail || b.title)) || ('The server answered HTTP ' + result.status);
  }

  // Runs fn (which returns a promise) one at a time; a call while one runs makes it run again
  // once after, so a poll and an explicit refresh never race each other.
  function single(fn) {
    let running = false, again = false;
    return function run() {
      if (running) { again = true; return; }
      running = true;
      Promise.resolve().then(fn).catch(function () { /* the next poll retries */ }).then(function () {
        running = false;
        if (again) { again = false; run(); }
      });
    };
  }

  // ---- Session ------------------------------------------------------------------------------

  function showLogin(message) {
    $('console').hidden = true;
    $('login-form').hidden = false;
    $('logout').hidden = true;
    $('whoami').textContent = '';
    $('login-error').textContent = message || '';
    document.body.classList.remove('in-console');
    $('login-name').focus();
  }

  function enterConsole(session) {
    state.session = { account: session.account, role: session.role };
    $('whoami').textContent = session.account + ' (' + session.role + ')';
    $('logout').hidden = false;
    $('login-form').hidden = true;
    $('login-error').textContent = '';
    $('console').hidden = false;
    document.body.classList.add('in-console');
    // Lists are drawn for one account and role; start them afresh.
    $('drafts').textContent = '';
    $('alerts-in-force').textContent = '';
    const hint = $('role-hint');
    hint.hidden = session.role === 'operator' || session.role === 'approver';
    hint.textContent = 'Your role (' + session.role + ') cannot submit drafts; operators and approvers can.';
    ensureMap();
    map.invalidateSize();
    resetDraft();
    chooseStatus('Exercise', true);
    offerStatuses();
    startPolling();
  }

  // A new login starts from an empty draft: nothing of the previous account's work carries over.
  function resetDraft() {
    state.selected.clear();
    state.polygon = null;
    setDrawing(false);
    $('level').value = 'shelter';
    $('minutes').value = '10';
    notice('');
    selectionChanged();
  }

  function leaveConsole(message) {
    stopPolling();
    answerConfirm(false);
    state.session = null;
    sessionStorage.removeItem(CSRF_KEY);
    showLogin(message);
  }

  $('login-form').addEventListener('submit', function (e) {
    e.preventDefault();
    const button = $('login-submit');
    button.disabled = true;
    $('login-error').textContent = '';
    api('POST', '/api/v1/session', { name: $('login-name').value, password: $('login-password').value })
      .then(function (result) {
        if (result.status === 201 && result.body && result.body.csrfToken) {
          sessionStorage.setItem(CSRF_KEY, result.body.csrfToken);
          $('login-password').value = '';
          enterConsole(result.body);
        } else {
          $('login-error').textContent = problemText(result);
        }
      })
      .catch(function () { $('login-error').textContent = 'The server cannot be reached.'; })
      .then(function () { button.disabled = false; });
  });

  $('logout').addEventListener('click', function () {
    api('DELETE', '/api/v1/session').catch(function () { /* logged out here either way */ })
      .then(function () { leaveConsole(''); });
  });

  // ---- Status, templates and texts ----------------------------------------------------------

  // The frame and the banner always say the status of what the next click would send: the
  // drafting status, or, while a confirmation is open, the status of what it confirms. An approver
  // drafting drills must never see "exercise" around a real alert's approval.
  function showMode(status, prefix) {
    ['actual', 'exercise', 'test'].forEach(function (s) { document.body.classList.remove('mode-' + s); });
    document.body.classList.add('mode-' + status.toLowerCase());
    $('mode-banner').textContent = prefix + BANNERS[status];
  }

  function chooseStatus(status, force) {
    if (status === state.status && !force) return;
    state.status = status;
    showMode(status, 'Drafting · Чернетка: ');
    document.querySelectorAll('#status-tabs button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.dataset.status === status));
    });
    $('submit-draft').textContent = 'Submit ' + status.toUpperCase() + ' draft for approval…';
    // Templates belong to one status: never carry one, or its texts, into another.
    state.template = null;
    clearTexts();
    loadTemplates(status);
  }

  function clearTexts() {
    TEXT_FIELDS.forEach(function (f) { $(f[1]).value = ''; });
  }

  // A server offers only the statuses it has templates for (a demo: no Actual); hide the others.
  function offerStatuses() {
    authed('GET', '/api/v1/templates').then(function (result) {
      if (!result.ok) return;
      const offered = new Set((result.body.templates || []).map(function (t) { return t.status; }));
      document.querySelectorAll('#status-tabs button').forEach(function (b) {
        b.hidden = !offered.has(b.dataset.status);
      });
    });
  }

  function loadTemplates(status) {
    const seq = ++state.templatesSeq;
    state.templates = {};
    fillTemplateSelect([]);
    return authed('GET', '/api/v1/templates?status=' + encodeURIComponent(status)).then(function (result) {
      if (seq !== state.templatesSeq) return; // the operator has switched status since
      if (!result.ok) { notice('Templates: ' + problemText(result), true); return; }
      // Only this status's templates, even if the server sent others.
      const list = (result.body.templates || []).filter(function (t) { return t.status === status; });
      list.forEach(function (t) { state.templates[t.id] = t; });
      fillTemplateSelect(list);
    });
  }

  function fillTemplateSelect(list) {
    const select = $('template');
    select.textContent = '';
    select.appendChild(el('option', '', list.length ? '— choose a template —' : '— no templates —')).value = '';
    list.forEach(function (t) {
      const option = el('option', '', t.title + ' (' + t.level + ')');
      option.value = t.id;
      select.appendChild(option);
    });
  }

  $('status-tabs').addEventListener('click', function (e) {
    const button = e.target.closest('button[data-status]');
    if (button) chooseStatus(button.dataset.status);
  });

  $('template').addEventListener('change', function () {
    const template = state.templates[this.value] || null;
    state.template = template;
    if (!template) return;
    TEXT_FIELDS.forEach(function (f) { $(f[1]).value = (template.text && template.text[f[0]]) || ''; });
    $('level').value = template.level;
  });

  // The texts the operator changed from the template (all typed ones when there is none).
  function changedTexts() {
    const text = {};
    TEXT_FIELDS.forEach(function (f) {
      const value = $(f[1]).value;
      const original = state.template ? ((state.template.text && state.template.text[f[0]]) || '') : '';
      if (value !== original) text[f[0]] = value;
    });
    return text;
  }

  // ---- The map ------------------------------------------------------------------------------

  const topoFeature = window.tocsinCommon.topoFeature;

  // The map is made when the console is first shown: Leaflet needs a visible container.
  function ensureMap() {
    if (map) return;
    map = L.map('map', { preferCanvas: true, zoomControl: true, attributionControl: false })
      .setView([48.6, 31.5], 6);
    // The world outline is only a backdrop: without it the console works the same.
    fetch('/data/land-50m.topojson').then(function (r) { return r.ok ? r.json() : null; }).then(function (topology) {
      if (!topology || !topology.objects || !topology.objects.land) return;
      L.geoJSON(topoFeature(topology, topology.objects.land), {
        style: { color: '#8a8f80', weight: 0.6, fillColor: '#eeeee6', fillOpacity: 1 }, interactive: false
      }).addTo(map).bringToBack();
    }).catch(function () { /* no backdrop */ });
    fetch('/api/v1/areas/ua-hromadas').then(function (r) { return r.json(); }).then(function (areas) {
      L.geoJSON(areas, {
        style: { color: '#9aa0a6', weight: 0.4, fillOpacity: 0 },
        onEachFeature: function (feature, layer) {
          layers[feature.id] = layer;
          layer.bindTooltip(textTooltip(feature.properties.nameUk + ' · ' + feature.properties.nameEn));
          layer.on('click', function (e) {
            // The area handles its own click; the map's click must not add a second vertex.
            L.DomEvent.stopPropagation(e);
            onAreaClick(feature.id, e.latlng);
          });
        }
      }).addTo(map);
      restyleAreas();
    });
    drawLayer = L.layerGroup().addTo(map);
    threatLayer = L.layerGroup().addTo(map);
    map.on('click', function (e) { if (state.drawing) addVertex(e.latlng); });
  }

  // What a click on an area does: a vertex while drawing, else toggle it in the selection.
  function onAreaClick(id, latlng) {
    if (state.drawing) {
      addVertex(latlng || layers[id].getBounds().getCenter());
      return;
    }
    if (state.selected.has(id)) state.selected.delete(id); else state.selected.add(id);
    selectionChanged();
  }

  function areaStyle(id) {
    const warned = state.drawn[id];
    let style = { color: '#9aa0a6', weight: 0.4, fillColor: '#9aa0a6', fillOpacity: 0, dashArray: null };
    if (warned) {
      const colour = PALETTE[warned.status][warned.level];
      style = { color: colour, weight: 1.2, fillColor: colour, fillOpacity: 0.55,
        dashArray: warned.status === 'Actual' ? null : '6 4' };
    }
    const picked = state.selected.has(id);
    if (picked || state.audienceIds.has(id)) {
      // Selected: thick blue outline; areas reached only through the polygon, a thinner one.
      style.color = SELECTED;
      style.weight = picked ? 3 : 1.8;
      if (!warned) { style.fillColor = SELECTED; style.fillOpacity = picked ? 0.2 : 0.1; }
    }
    return style;
  }

  function restyleAreas() {
    Object.keys(layers).forEach(function (id) {
      const style = areaStyle(id);
      const key = JSON.stringify(style);
      if (styleCache[id] !== key) {
        styleCache[id] = key;
        layers[id].setStyle(style);
      }
    });
  }

  // ---- Selection, polygon drawing and the audience -------------------------------------------

  function addVertex(latlng) {
    state.drawing.push(latlng);
    drawSketch();
  }

  function drawSketch() {
    drawLayer.clearLayers();
    if (state.polygon && !state.drawing) {
      const ring = state.polygon.coordinates[0].map(function (p) { return [p[1], p[0]]; });
      L.polygon(ring, { color: SELECTED, weight: 2.5, dashArray: '8 4', fillOpacity: 0.08, interactive: false })
        .addTo(drawLayer);
    }
    if (state.drawing) {
      L.polyline(state.drawing, { color: SELECTED, weight: 2.5, interactive: false }).addTo(drawLayer);
      state.drawing.forEach(function (p) {
        L.circleMarker(p, { radius: 4, color: SELECTED, fillColor: '#fff', fillOpacity: 1, interactive: false })
          .addTo(drawLayer);
      });
    }
  }

  function setDrawing(on) {
    state.drawing = on ? [] : null;
    $('draw-polygon').textContent = on ? 'Cancel drawing' : 'Draw polygon';
    $('finish-polygon').disabled = !on;
    $('map').classList.toggle('drawing', on);
    drawSketch();
  }

  $('draw-polygon').addEventListener('click', function () {
    setDrawing(!state.drawing);
    if (state.drawing) notice('Drawing: click the map to add points, then "Finish polygon".');
  });

  $('finish-polygon').addEventListener('click', function () {
    const points = state.drawing || [];
    if (points.length < 3) {
      notice('A polygon needs at least 3 points (' + points.length + ' so far).', true);
      return;
    }
    const ring = points.map(function (p) { return [round(p.lng), round(p.lat)]; });
    ring.push(ring[0].slice());
    state.polygon = { type: 'Polygon', coordinates: [ring] };
    setDrawing(false);
    notice('Polygon kept: ' + points.length + ' points.');
    selectionChanged();
  });

  function round(degrees) { return Math.round(degrees * 1e6) / 1e6; }

  $('clear-selection').addEventListener('click', function () {
    state.selected.clear();
    state.polygon = null;
    setDrawing(false);
    selectionChanged();
  });

  // After every change of areas or polygon: redraw, and ask the server who would be warned.
  function selectionChanged() {
    const seq = ++state.audienceSeq;
    if (!state.selected.size && !state.polygon) {
      setAudience(null);
      state.audiencePending = Promise.resolve(null);
      return;
    }
    restyleAreas();
    $('audience').classList.add('stale');
    state.audiencePending = authed('POST', '/api/v1/audience',
      { areas: Array.from(state.selected), polygon: state.polygon })
      .then(function (result) {
        if (seq !== state.audienceSeq) return null; // a newer selection has its own answer
        if (!result.ok) {
          setAudience(null);
          $('audience').textContent = 'Audience: ' + problemText(result);
          return null;
        }
        setAudience(result.body);
        return result.body;
      });
  }

  function setAudience(audience) {
    state.audience = audience;
    state.audienceIds = new Set(audience ? audience.areas.map(function (a) { return a.id; }) : []);
    restyleAreas();
    const out = $('audience');
    out.classList.remove('stale');
    out.textContent = '';
    if (!audience) { out.textContent = 'No areas selected'; return; }
    out.appendChild(el('div', 'summary', areaCount(audience.areaCount) + ' · ' + km2(audience.areaKm2) +
      ' · ' + populationText(audience.population)));
    out.appendChild(el('div', 'names', namesLine(audience.areas)));
  }

  // ---- Submitting a draft -------------------------------------------------------------------

  function draftRequest() {
    const body = {
      status: state.status,
      level: $('level').value,
      minutesToArrival: Number($('minutes').value),
      areas: Array.from(state.selected),
      polygon: state.polygon,
      template: state.template ? state.template.id : null
    };
    const text = changedTexts();
    if (Object.keys(text).length) body.text = text;
    return body;
  }

  // A problem the operator can fix before asking anyone, or null.
  function draftProblem(body) {
    if (!Number.isInteger(body.minutesToArrival) || body.minutesToArrival < 0 || body.minutesToArrival > 60) {
      return 'Minutes to arrival: a whole number from 0 to 60.';
    }
    if (!body.areas.length && !body.polygon) return 'Select at least one area, or draw a polygon.';
    if (state.drawing) return 'Finish (or cancel) the polygon first.';
    return null;
  }

  $('draft-form').addEventListener('submit', function (e) { e.preventDefault(); });

  $('submit-draft').addEventListener('click', function () {
    const body = draftRequest();
    const problem = draftProblem(body);
    if (problem) { notice(problem, true); return; }
    state.audiencePending.then(function (audience) {
      const count = audience ? audience.areaCount : body.areas.length;
      const size = audience ? audience.areaKm2 : body.areas.reduce(function (sum, id) {
        return sum + (layers[id] ? layers[id].feature.properties.areaKm2 : 0);
      }, 0);
      const text = 'Submit ' + DRAFT_WORDS[body.status] + ' for approval: ' + body.level + ', ' +
        areaCount(count) + ', ' + km2(size);
      return askConfirm(body.status, text, [
        'Arrival: ' + body.minutesToArrival + ' min after approval',
        'Template: ' + (body.template || 'none'),
        'EN: ' + ($('headline-en').value || '(from the template)'),
        'UK: ' + ($('headline-uk').value || '(from the template)')
      ], 'Yes, submit for approval');
    }).then(function (yes) {
      if (!yes) { notice('Not submitted.'); return; }
      return authed('POST', '/api/v1/drafts', body).then(function (result) {
        if (result.status === 201) {
          notice('Draft ' + result.body.id + ' submitted (' + TAGS[result.body.status] + '): waiting for an approver.');
          refreshDrafts();
        } else {
          notice(problemText(result), true);
        }
      });
    }).catch(function () { notice('The server cannot be reached.', true); });
  });

  // ---- The confirmation dialog --------------------------------------------------------------

  let pendingAnswer = null;

  // Shows the in-page dialog in the status's colour; resolves true for yes, false otherwise.
  function askConfirm(status, text, extraLines, yesLabel) {
    answerConfirm(false);
    const dialog = $('confirm-dialog');
    dialog.querySelector('.dialog').className = 'dialog ' + status;
    const tag = $('confirm-tag');
    tag.className = 'status-tag big ' + status;
    tag.textContent = TAGS[status] || status;
    $('confirm-text').textContent = text;
    const extra = $('confirm-extra');
    extra.textContent = '';
    (extraLines || []).forEach(function (line) { extra.appendChild(el('div', '', line)); });
    $('confirm-yes').textContent = yesLabel || 'Yes';
    showMode(status, 'You are about to send · Ви надсилаєте: ');
    dialog.hidden = false;
    // Focus "no": Enter on a stray keypress must not send anything.
    $('confirm-no').focus();
    return new Promise(function (resolve) { pendingAnswer = resolve; });
  }

  function answerConfirm(yes) {
    $('confirm-dialog').hidden = true;
    if (state.status) showMode(state.status, 'Drafting · Чернетка: ');
    const resolve = pendingAnswer;
    pendingAnswer = null;
    if (resolve) resolve(yes);
  }

  $('confirm-yes').addEventListener('click', function () { answerConfirm(true); });
  $('confirm-no').addEventListener('click', function () { answerConfirm(false); });
  $('confirm-dialog').addEventListener('click', function (e) { if (e.target === this) answerConfirm(false); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && pendingAnswer) answerConfirm(false);
  });

  // ---- Keyed lists --------------------------------------------------------------------------

  const signatures = new WeakMap();

  // Puts one element per item in container, in order, rebuilding an element only when its
  // item changed: a poll must not wipe a half-typed reason or a button under the pointer.
  function reconcile(container, items, key, signature, build, emptyText) {
    const existing = {};
    Array.from(container.children).forEach(function (child) {
      if (child.dataset.key) existing[child.dataset.key] = child; else child.remove();
    });
    let previous = null;
    items.forEach(function (item) {
      const k = String(key(item)), sig = signature(item);
      let node = existing[k];
      delete existing[k];
      if (!node || signatures.get(node) !== sig) {
        const fresh = build(item);
        fresh.dataset.key = k;
        signatures.set(fresh, sig);
        if (node) container.replaceChild(fresh, node);
        node = fresh;
      }
      const next = previous ? previous.nextSibling : container.firstChild;
      if (node !== next) container.insertBefore(node, next);
      previous = node;
    });
    Object.keys(existing).forEach(function (k) { existing[k].remove(); });
    if (!items.length) container.appendChild(el('p', 'quiet', emptyText));
  }

  // ---- Drafts -------------------------------------------------------------------------------

  const refreshDrafts = single(function () {
    if (!state.session) return null;
    return authed('GET', '/api/v1/drafts').then(function (result) {
      if (!result.ok || !state.session) return;
      const who = state.session.account + '/' + state.session.role;
      reconcile($('drafts'), result.body.drafts || [], function (d) { return d.id; },
        function (d) { return who + JSON.stringify(d); }, buildDraft, 'No drafts · Чернеток немає');
    });
  });

  function buildDraft(draft) {
    const div = el('div', 'draft');
    div.dataset.id = draft.id;
    div.dataset.status = draft.status;
    div.dataset.state = draft.state;
    const head = el('div', 'head');
    head.appendChild(statusTag(draft.status));
    head.appendChild(el('span', 'state', draft.state));
    head.appendChild(document.createTextNode(' #' + draft.id + ' · ' + draft.level + ' · ' +
      draft.minutesToArrival + ' min · by ' + draft.createdBy + ' · ' + (draft.createdAt || '').replace('T', ' ')));
    div.appendChild(head);
    const sent = draft.sentHeadlines || {};
    div.appendChild(headline('EN', sent.en));
    div.appendChild(headline('UK', sent.uk));
    const audience = draft.audience || { areas: [], areaCount: 0, areaKm2: 0, population: null };
    div.appendChild(el('div', 'audience-line', areaCount(audience.areaCount) + ' · ' + km2(audience.areaKm2) +
      ' · ' + populationText(audience.population)));
    div.appendChild(el('div', 'names', namesLine(audience.areas || [])));
    div.appendChild(el('div', 'confirmation', draft.confirmation));
    if (draft.decidedBy) {
      div.appendChild(el('div', 'decided', draft.state + ' by ' + draft.decidedBy +
        (draft.decidedAt ? ' at ' + draft.decidedAt.replace('T', ' ') : '') +
        (draft.note ? ' — ' + draft.note : '') + (draft.threat ? ' · alert ' + draft.threat : '')));
    }
    if (draft.state === 'pending' && state.session && state.session.role === 'approver') {
      div.appendChild(draftActions(draft));
    }
    return div;
  }

  function headline(lang, text) {
    const line = el('div', 'headline');
    line.appendChild(el('b', '', lang));
    line.appendChild(document.createTextNode(text || ''));
    return line;
  }

  function draftActions(draft) {
    const actions = el('div', 'actions');
    const approve = el('button', 'approve', 'Approve…');
    approve.type = 'button';
    if (draft.createdBy === state.session.account) {
      approve.disabled = true;
      approve.title = 'you cannot approve your own draft';
    }
    approve.addEventListener('click', function () { approveDraft(draft); });
    const reason = el('input', 'reject-reason');
    reason.placeholder = 'reason to reject';
    reason.setAttribute('aria-label', 'Reason to reject draft ' + draft.id);
    const reject = el('button', 'reject', 'Reject');
    reject.type = 'button';
    reject.addEventListener('click', function () { rejectDraft(draft, reason); });
    actions.appendChild(approve);
    actions.appendChild(reason);
    actions.appendChild(reject);
    return actions;
  }

  function approveDraft(draft) {
    const sent = draft.sentHeadlines || {};
    askConfirm(draft.status, draft.confirmation, ['EN: ' + (sent.en || ''), 'UK: ' + (sent.uk || '')],
      'Yes, approve and send').then(function (yes) {
      if (!yes) { notice('Draft ' + draft.id + ' not approved.'); return; }
      return authed('POST', '/api/v1/drafts/' + encodeURIComponent(draft.id) + '/approve',
        { confirmStatus: draft.status }).then(function (result) {
        if (result.ok) {
          notice('Draft ' + draft.id + ' approved (' + TAGS[draft.status] + '): alert ' +
            (result.body && result.body.threat) + ' sent.');
          refreshAlerts();
        } else {
          notice(problemText(result), true);
        }
        refreshDrafts();
      });
    }).catch(function () { notice('The server cannot be reached.', true); });
  }

  function rejectDraft(draft, reasonInput) {
    const reason = reasonInput.value.trim();
    if (!reason) {
      notice('Give a reason to reject draft ' + draft.id + '.', true);
      reasonInput.focus();
      return;
    }
    authed('POST', '/api/v1/drafts/' + encodeURIComponent(draft.id) + '/reject', { reason: reason })
      .then(function (result) {
        notice(result.ok ? 'Draft ' + draft.id + ' rejected.' : problemText(result), !result.ok);
        refreshDrafts();
      }).catch(function () { notice('The server cannot be reached.', true); });
  }

  // ---- Upstream drafts (tocsin serve --upstream-relay approve) ------------------------------
  // An upstream authority's message waits here, with the fingerprint of the key that signed it,
  // until an approver relays it. A server that relays at once, or none, answers 404: no panel.

  const refreshUpstreamDrafts = single(function () {
    if (!state.session || state.noUpstreamRelay) return null;
    return authed('GET', '/api/v1/upstream/drafts').then(function (result) {
      $('upstream-panel').hidden = !result.ok;
      state.noUpstreamRelay = result.status === 404; // this server relays none for approval
      if (!result.ok || !state.session) return;
      const who = state.session.account + '/' + state.session.role;
      reconcile($('upstream-drafts'), result.body.drafts || [], function (d) { return 'u' + d.id; },
        function (d) { return who + JSON.stringify(d); }, buildUpstreamDraft,
        'No upstream alerts · Сповіщень немає');
    });
  });

  function buildUpstreamDraft(draft) {
    const alert = draft.alert || {};
    const text = alert.text || {};
    const div = el('div', 'draft upstream');
    div.dataset.id = 'u' + draft.id;
    div.dataset.status = draft.status;
    div.dataset.state = draft.state;
    const head = el('div', 'head');
    head.appendChild(statusTag(draft.status));
    head.appendChild(el('span', 'state', draft.state));
    head.appendChild(document.createTextNode(' ' + draft.kind + ' · ' + (alert.level || 'cancel') +
      ' · from ' + draft.authority + ' · ' + (draft.createdAt || '').replace('T', ' ')));
    div.appendChild(head);
    div.appendChild(el('div', 'signer', 'Signed by · Підпис: ' + (draft.signedBy || 'unsigned · без підпису')));
    if (text.headlineEn) div.appendChild(headline('EN', text.headlineEn));
    if (text.headlineUk) div.appendChild(headline('UK', text.headlineUk));
    if (alert.areas) {
      div.appendChild(el('div', 'audience-line', areaCount(alert.areas.length) +
        (alert.arrival ? ' · arrival ' + alert.arrival.replace('T', ' ') : ' · no time of arrival') +
        ' · expires ' + (alert.expires || '').replace('T', ' ')));
    }
    (draft.unmapped || []).forEach(function (why) { div.appendChild(el('div', 'unmapped', 'Not mapped: ' + why)); });
    if (draft.decidedBy) {
      div.appendChild(el('div', 'decided', draft.state + ' by ' + draft.decidedBy +
        (draft.note ? ' — ' + draft.note : '') + ' · alert ' + draft.threat));
    }
    if (draft.state === 'pending' && state.session && state.session.role === 'approver') {
      const actions = el('div', 'actions');
      const approve = el('button', 'approve', 'Relay…');
      approve.type = 'button';
      approve.addEventListener('click', function () { approveUpstream(draft); });
      const reason = el('input', 'reject-reason');
      reason.placeholder = 'reason to reject';
      reason.setAttribute('aria-label', 'Reason to reject upstream draft ' + draft.id);
      const reject = el('button', 'reject', 'Reject');
      reject.type = 'button';
      reject.addEventListener('click', function () {
        const why = reason.value.trim();
        if (!why) { notice('Give a reason to reject upstream draft ' + draft.id + '.', true); return; }
        authed('POST', '/api/v1/upstream/drafts/' + encodeURIComponent(draft.id) + '/reject', { reason: why })
          .then(function (result) {
            notice(result.ok ? 'Upstream draft ' + draft.id + ' rejected.' : problemText(result), !result.ok);
            refreshUpstreamDrafts();
          }).catch(function () { notice('The server cannot be reached.', true); });
      });
      actions.appendChild(approve);
      actions.appendChild(reason);
      actions.appendChild(reject);
      div.appendChild(actions);
    }
    return div;
  }

  function approveUpstream(draft) {
    const text = (draft.alert || {}).text || {};
    askConfirm(draft.status, 'Relay the ' + draft.kind + ' of ' + draft.authority + ' to the public, on every channel?',
      ['Signed by: ' + (draft.signedBy || 'unsigned'), 'EN: ' + (text.headlineEn || ''), 'UK: ' + (text.headlineUk || '')],
      'Yes, relay').then(function (yes) {
      if (!yes) { notice('Upstream draft ' + draft.id + ' not relayed.'); return; }
      return authed('POST', '/api/v1/upstream/drafts/' + encodeURIComponent(draft.id) + '/approve',
        { confirmStatus: draft.status }).then(function (result) {
        notice(result.ok ? 'Upstream draft ' + draft.id + ' relayed: alert ' + draft.threat + '.' : problemText(result), !result.ok);
        refreshUpstreamDrafts();
        refreshAlerts();
      });
    }).catch(function () { notice('The server cannot be reached.', true); });
  }

  // ---- Alerts in force ----------------------------------------------------------------------

  function serverNow() { return state.clock.serverTime + (Date.now() - state.clock.receivedAt) * state.clock.rate; }

  function countdown(arrivalIso) {
    const seconds = Math.max(0, Math.round((Date.parse(arrivalIso) - serverNow()) / 1000));
    const m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ':' + String(s).padStart(2, '0');
  }

  const refreshAlerts = single(function () {
    return api('GET', '/api/v1/alerts').then(function (result) {
      if (!result.ok) return;
      const body = result.body;
      state.clock = { serverTime: Date.parse(body.serverTime), receivedAt: Date.now(), rate: body.clockRate || 1 };
      // Older servers had one status for everything; an alert without its own takes that one.
      state.alerts = (body.alerts || []).map(function (a) {
        return Object.assign({}, a, { status: a.status || body.status || 'Actual' });
      });
      state.drawn = window.tocsinCommon.colouring(state.alerts);
      restyleAreas();
      if (state.session) renderAlerts();
    });
  });

  function renderAlerts() {
    const role = state.session.role;
    reconcile($('alerts-in-force'), state.alerts, function (a) { return a.threat; }, function (a) {
      // Not secondsToArrival: it changes every poll, and the countdown runs by itself.
      return role + JSON.stringify([a.status, a.origin, a.capIdentifier, a.ready,
        (a.areas || []).map(function (x) { return [x.id, x.level, x.earliestArrival]; })]);
    }, buildAlert, 'No alerts in force · Тривог немає');
  }

  function buildAlert(alert) {
    const div = el('div', 'alert-item');
    div.dataset.threat = alert.threat;
    div.dataset.status = alert.status;
    div.dataset.origin = alert.origin || '';
    const head = el('div', 'head');
    head.appendChild(statusTag(alert.status));
    head.appendChild(el('b', '', 'Threat ' + alert.threat));
    head.appendChild(document.createTextNode(' · ' + originText(alert.origin)));
    div.appendChild(head);
    const areas = alert.areas || [];
    const counts = ['shelter', 'prepare'].map(function (level) {
      const n = areas.filter(function (a) { return a.level === level; }).length;
      return n ? level + ': ' + areaCount(n) : null;
    }).filter(Boolean);
    div.appendChild(el('div', 'levels', counts.join(' · ') || 'no areas'));
    const soonest = areas.map(function (a) { return a.earliestArrival; }).filter(Boolean).sort()[0];
    if (soonest) {
      const line = el('div', 'soonest', 'Soonest arrival in ');
      const clock = el('span', 'countdown', countdown(soonest));
      clock.dataset.arrival = soonest;
      line.appendChild(clock);
      div.appendChild(line);
    }
    if (alert.capIdentifier) div.appendChild(el('div', 'quiet', alert.capIdentifier));
    const role = state.session.role;
    if ((role === 'operator' || role === 'approver') && (alert.ready || []).length) {
      const actions = el('div', 'actions');
      alert.ready.forEach(function (ready) { actions.appendChild(readyButton(alert, ready)); });
      div.appendChild(actions);
    }
    return div;
  }

  function originText(origin) {
    if (origin === 'engine') return 'engine (from sensor reports)';
    if (origin === 'manual') return 'manual (an approved draft)';
    return origin || 'origin unknown';
  }

  function readyButton(alert, ready) {
    const button = el('button', 'ready-' + ready.action, READY_LABELS[ready.action] || ready.action);
    button.type = 'button';
    button.title = ready.headlineEn || '';
    button.addEventListener('click', function () {
      askConfirm(alert.status, ready.confirmation,
        ['EN: ' + (ready.headlineEn || ''), 'UK: ' + (ready.headlineUk || '')],
        'Yes, send ' + (READY_LABELS[ready.action] || ready.action)).then(function (yes) {
        if (!yes) { notice('Nothing sent.'); return; }
        return authed('POST', '/api/v1/alerts/' + encodeURIComponent(alert.threat) + '/' +
          encodeURIComponent(ready.action), { confirmStatus: alert.status }).then(function (result) {
          notice(result.ok
            ? 'Sent: ' + ready.action + ' of alert ' + alert.threat + ' (' + TAGS[alert.status] + ')' +
              (result.body && result.body.capIdentifier ? ' — ' + result.body.capIdentifier : '') + '.'
            : problemText(result), !result.ok);
          refreshAlerts();
        });
      }).catch(function () { notice('The server cannot be reached.', true); });
    });
    return button;
  }

  // ---- Threats being tracked ----------------------------------------------------------------

  const refreshThreats = single(function () {
    return api('GET', '/api/v1/threats').then(function (result) {
      if (result.ok && map) drawThreats(result.body.threats || []);
    });
  });

  function drawThreats(threats) {
    const key = JSON.stringify(threats);
    if (key === lastThreats) return; // unchanged: keep open tooltips open
    lastThreats = key;
    threatLayer.clearLayers();
    threats.forEach(function (threat) {
      const path = [];
      if (threat.launch) {
        path.push([threat.launch.lat, threat.launch.lon]);
        L.marker([threat.launch.lat, threat.launch.lon], {
          icon: L.divIcon({ className: 'launch-marker', html: el('span', null, '▲'), iconSize: [18, 18] }),
          keyboard: false
        }).bindTooltip(textTooltip('Threat ' + threat.id + ' — launch point')).addTo(threatLayer);
      }
      (threat.tracks || []).forEach(function (track) {
        path.push([track.lat, track.lon]);
        L.circleMarker([track.lat, track.lon], { radius: 5, color: '#111', weight: 1.5, fillColor: '#ffd400', fillOpacity: 1 })
          .bindTooltip(textTooltip('Threat ' + threat.id + ' — track ' + track.id + ', ' + track.heightM + ' m, ' +
            track.speedMps + ' m/s')).addTo(threatLayer);
      });
      if (path.length > 1) {
        L.polyline(path, { color: '#111', weight: 1.5, dashArray: '4 4', interactive: false }).addTo(threatLayer);
      }
    });
  }

  // ---- Polling and live events --------------------------------------------------------------

  function startPolling() {
    stopPolling();
    refreshAlerts();
    refreshThreats();
    refreshDrafts();
    refreshUpstreamDrafts();
    state.timers.push(setInterval(refreshAlerts, 2000), setInterval(refreshThreats, 2000),
      setInterval(refreshDrafts, 3000), setInterval(refreshUpstreamDrafts, 3000));
    const source = new EventSource('/api/v1/events');
    source.onopen = function () { $('connection').textContent = '● live'; };
    source.onerror = function () { $('connection').textContent = '○ reconnecting…'; };
    // An event may come from a draft approved elsewhere: both lists may have changed.
    source.addEventListener('alert', function () { refreshAlerts(); refreshDrafts(); });
    state.source = source;
  }

  function stopPolling() {
    state.timers.forEach(clearInterval);
    state.timers = [];
    if (state.source) { state.source.close(); state.source = null; }
    $('connection').textContent = '';
  }

  setInterval(function () {
    document.querySelectorAll('.countdown').forEach(function (node) { node.textContent = countdown(node.dataset.arrival); });
  }, 250);

  // ---- Hooks for the browser test -----------------------------------------------------------

  function drawnBy(field) {
    const shown = {};
    Object.keys(state.drawn).forEach(function (id) { if (layers[id]) shown[id] = state.drawn[id][field]; });
    return shown;
  }

  window.tocsinConsole = {
    areasLoaded: function () { return Object.keys(layers).length; },
    // Exactly what a click on that area's layer does.
    clickArea: function (id) {
      if (!layers[id]) throw new Error('no area ' + id + ' on the map');
      onAreaClick(id, null);
      return Array.from(state.selected);
    },
    selectedAreas: function () { return Array.from(state.selected); },
    renderedLevels: function () { return drawnBy('level'); },
    renderedStatuses: function () { return drawnBy('status'); }
  };

  // ---- Start --------------------------------------------------------------------------------

  api('GET', '/api/v1/session').then(function (result) {
    // A session without its CSRF token (another tab, a closed one) cannot post: log in again.
    if (result.ok && csrf()) enterConsole(result.body); else showLogin('');
  }).catch(function () { showLogin('The server cannot be reached.'); });
})();
