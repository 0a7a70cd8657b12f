// Tocsin public page: the map of warned areas, countdowns, my area, history; live over SSE.
(function () {
  'use strict';
  const PALETTE = window.tocsinCommon.PALETTE;
  const STATUS_RANK = window.tocsinCommon.STATUS_RANK;
  // Everything shown is built as elements with text: area names come from the area file.
  const el = window.tocsinCommon.el;
  const LABELS = { shelter: 'УКРИТТЯ · SHELTER', prepare: 'ГОТУЙТЕСЯ · PREPARE' };
  const state = { alerts: [], areas: [], status: 'Actual', receivedAt: 0, serverTime: 0, rate: 1, layers: {}, history: [],
    drawn: {} }; // drawn: areaId -> {level, status} as coloured on the map

  const map = L.map('map', { preferCanvas: true, zoomControl: true, attributionControl: false })
    .setView([48.6, 31.5], 6);
  const exerciseControl = L.control({ position: 'topright' });
  exerciseControl.onAdd = function () {
    const div = L.DomUtil.create('div', 'map-exercise');
    div.id = 'map-exercise';
    div.hidden = true;
    return div;
  };
  exerciseControl.addTo(map);

  // What the colours mean, in the colours of the statuses on show (render() fills it).
  const legendControl = L.control({ position: 'bottomleft' });
  legendControl.onAdd = function () {
    const div = L.DomUtil.create('div', 'legend');
    div.id = 'legend';
    return div;
  };
  legendControl.addTo(map);

  const topoFeature = window.tocsinCommon.topoFeature;

  // The land beneath everything drawn: the optional atlas layer (atlas-layer.js) lies between it
  // and the areas, which are coloured when warned.
  map.createPane('land');
  map.getPane('land').style.zIndex = 300;
  fetch('/data/land-50m.topojson').then(r => r.json()).then(function (topology) {
    L.geoJSON(topoFeature(topology, topology.objects.land), {
      pane: 'land', style: { color: '#8a8f80', weight: 0.6, fillColor: '#eeeee6', fillOpacity: 1 }, interactive: false
    }).addTo(map);
  });

  fetch('/api/v1/areas/ua-hromadas').then(r => r.json()).then(function (areas) {
    L.geoJSON(areas, {
      style: { color: '#9aa0a6', weight: 0.4, fillOpacity: 0 },
      onEachFeature: function (feature, layer) {
        state.layers[feature.id] = layer;
        layer.on('click', function () { window.tocsinNotify.areaClicked(feature); });
        layer.bindTooltip(window.tocsinCommon.textTooltip(feature.properties.nameUk + ' · ' + feature.properties.nameEn));
      }
    }).addTo(map);
    render();
  });

  window.tocsinNotify.start(map);

  // The shelter-time atlas, when the server has one: a layer to switch on, and "My area"'s figure.
  window.tocsinAtlas.load(map).then(renderMyArea);

  // The server's own status (all its engine alerts); each alert also carries its own.
  function isExercise() { return state.status !== 'Actual'; }
  function tagOf(status) { return status === 'Exercise' ? 'НАВЧАННЯ · EXERCISE' : 'ТЕСТ · TEST'; }
  // Puts the exercise or test mark, for a status other than Actual, at the start of a line.
  function appendTag(parent, status) {
    if (status && status !== 'Actual') parent.append(el('span', 'exercise-tag', tagOf(status)), ' ');
  }

  function serverNow() { return state.serverTime + (Date.now() - state.receivedAt) * state.rate; }

  function countdown(arrivalIso) {
    const seconds = Math.max(0, Math.round((Date.parse(arrivalIso) - serverNow()) / 1000));
    const m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ':' + String(s).padStart(2, '0');
  }

  // Until the predicted arrival, the time left; from then on, what to do: an alert stays in force
  // until its all-clear, and a countdown stuck at 0:00 would tell people nothing.
  // An upstream advance notice gives no time of arrival: its authority's words, no countdown.
  function arrivalNodes(arrivalIso, notice) {
    if (!arrivalIso) {
      return [el('span', 'notice', notice || 'Час прибуття не вказано · No time of arrival given')];
    }
    if (Date.parse(arrivalIso) > serverNow()) {
      return ['Прибуття через · arrival in ', el('span', 'countdown', countdown(arrivalIso))];
    }
    return [el('span', 'after-arrival', 'Залишайтеся в укритті до відбою · ' +
      'Stay in shelter until the all-clear')];
  }

  function renderLegend() {
    const legend = document.getElementById('legend');
    if (!legend) return;
    const marked = nonActualStatuses();
    const statuses = (marked.length === 0 || state.alerts.some(a => a.status === 'Actual') ? ['Actual'] : [])
      .concat(marked);
    legend.replaceChildren(el('div', 'legend-title', 'Рівні · Levels'));
    statuses.forEach(function (status) {
      const marked = status !== 'Actual';
      const prefix = marked ? tagOf(status) + ': ' : '';
      ['shelter', 'prepare'].forEach(function (level) {
        const row = el('div', 'legend-row');
        row.dataset.level = level;
        row.dataset.status = status;
        const swatch = el('span', 'swatch' + (marked ? ' marked' : ''));
        // Through the CSSOM: a style attribute in markup is inline style, which the policy refuses.
        swatch.style.background = PALETTE[status][level];
        row.append(swatch, prefix + LABELS[level]);
        legend.appendChild(row);
      });
    });
  }

  // The statuses other than Actual on show: the server's own, and those of alerts in force.
  function nonActualStatuses() {
    const statuses = [];
    [state.status].concat(state.alerts.map(a => a.status)).forEach(function (s) {
      if (s !== 'Actual' && statuses.indexOf(s) < 0) statuses.push(s);
    });
    return statuses.sort((a, b) => STATUS_RANK[b] - STATUS_RANK[a]);
  }

  function renderBanner() {
    const banner = document.getElementById('status-banner');
    const mapTag = document.getElementById('map-exercise');
    const statuses = nonActualStatuses();
    const shown = statuses.length > 0;
    banner.hidden = !shown;
    if (mapTag) mapTag.hidden = !shown;
    if (!shown) return;
    const tags = statuses.map(tagOf).join(' / ');
    // "This is not a real alert" only while nothing real is in force; once real and marked
    // messages mix, the banner speaks of the marked ones only.
    const allMarked = isExercise() && state.alerts.every(a => a.status !== 'Actual');
    banner.textContent = tags + (allMarked
      ? ' — це не справжня тривога · this is not a real alert'
      : ' — позначені повідомлення не є справжньою тривогою · marked messages are not a real alert');
    if (mapTag) mapTag.textContent = tags;
  }

  function renderMap() {
    state.drawn = window.tocsinCommon.colouring(state.alerts);
    Object.keys(state.layers).forEach(function (id) {
      const w = state.drawn[id];
      const colour = w ? PALETTE[w.status][w.level] : null;
      state.layers[id].setStyle(w
        ? { color: colour, weight: 1.2, fillColor: colour, fillOpacity: 0.55, dashArray: w.status === 'Actual' ? null : '6 4' }
        : { color: '#9aa0a6', weight: 0.4, fillOpacity: 0, dashArray: null });
    });
  }

  function render() {
    renderBanner();
    renderLegend();
    renderMap();
    const container = document.getElementById('alerts');
    container.replaceChildren();
    // Where several alerts warn one area (the engine's and an authority's, say), it is listed
    // once, on the card of the most serious warning, naming every source (the server's merged
    // `areas`); each alert still ends on its own.
    const merged = {};
    state.areas.forEach(function (a) { merged[a.id] = a; });
    const claimed = {};
    function shownHere(area, alert, level) {
      const m = merged[area.id];
      if (!m || !m.sources || m.sources.length < 2) return true;
      if (m.level !== level || m.status !== alert.status || claimed[area.id]) return false;
      claimed[area.id] = true;
      return true;
    }
    const cards = [];
    state.alerts.forEach(function (alert) {
      ['shelter', 'prepare'].forEach(function (level) {
        const areas = alert.areas.filter(a => a.level === level && shownHere(a, alert, level));
        if (areas.length) cards.push({ alert: alert, level: level, areas: areas });
      });
    });
    if (!cards.length) {
      const quiet = el('p', 'quiet');
      appendTag(quiet, state.status);
      quiet.append('Тривог немає · No alerts in force');
      container.appendChild(quiet);
    }
    cards.forEach(function (card) {
      const div = document.createElement('div');
      div.className = 'alert-card ' + card.level + ' status-' + card.alert.status.toLowerCase();
      div.dataset.level = card.level;
      div.dataset.status = card.alert.status;
      const earliest = card.areas.map(a => a.earliestArrival).sort()[0];
      appendTag(div, card.alert.status);
      const arrival = el('span', 'arrival');
      const source = card.alert.source;
      arrival.dataset.arrival = earliest || '';
      arrival.dataset.notice = source ? source.headlineUk + ' · ' + source.headlineEn : '';
      arrival.append(...arrivalNodes(earliest, arrival.dataset.notice));
      const names = el('ul');
      card.areas.slice(0, 12).forEach(a => names.appendChild(el('li', null, a.nameUk + ' · ' + a.nameEn + sourcesOf(a.id))));
      if (card.areas.length > 12) names.appendChild(el('li', null, '… +' + (card.areas.length - 12)));
      div.append(el('span', 'title', LABELS[card.level]), el('br'), arrival, names);
      // A relayed alert names its authority.
      if (source) div.append(el('span', 'source', 'Джерело · Source: ' + source.authority));
      container.appendChild(div);
    });
    renderHistory();
    renderMyArea();
  }

  // " — Tocsin + Air Force" for an area that more than one source warns; nothing otherwise.
  function sourcesOf(areaId) {
    const m = state.areas.find(a => a.id === areaId);
    if (!m || !m.sources || m.sources.length < 2) return '';
    const names = m.sources.map(function (s) {
      if (s.authority) return s.authority;
      return s.origin === 'engine' ? 'Tocsin' : 'оператор · operator';
    });
    return ' — джерела · sources: ' + names.filter((n, i) => names.indexOf(n) === i).join(' + ');
  }

  function renderHistory() {
    const list = document.getElementById('history');
    list.replaceChildren(...state.history.slice(0, 20).map(function (e) {
      const levels = {};
      e.areas.forEach(a => { levels[a.level] = (levels[a.level] || 0) + 1; });
      const summary = Object.keys(levels).map(l => LABELS[l] + ' ×' + levels[l]).join(', ') || (e.type === 'all-clear' ? 'ВІДБІЙ · ALL CLEAR' : 'СКАСОВАНО · CANCELLED');
      const item = el('li');
      appendTag(item, e.status);
      item.append(e.time.substring(11, 19) + ' UTC — ' + e.type + ': ' + summary);
      return item;
    }));
  }

  let myPoint = null;
  function renderMyArea() {
    const out = document.getElementById('my-status');
    if (!myPoint) return;
    window.tocsinAtlas.showFigureAt(myPoint, document.getElementById('my-planning'));
    let found = null;
    Object.keys(state.layers).forEach(function (id) {
      if (!found && window.tocsinCommon.contains(state.layers[id].feature.geometry, myPoint)) found = id;
    });
    if (!found) { out.className = 'my-status'; out.textContent = 'Поза районами мапи · Outside the mapped areas'; return; }
    const warning = state.drawn[found];
    const level = warning ? warning.level : null;
    // Marked with the status of the alert that colours the area; with none, the server's.
    const status = warning ? warning.status : state.status;
    const name = state.layers[found].feature.properties;
    out.className = 'my-status ' + (level ? level + ' status-' + status.toLowerCase() : '');
    out.textContent = (status !== 'Actual' ? tagOf(status) + ' — ' : '') + name.nameUk + ' · ' + name.nameEn + ': ' +
      (level ? LABELS[level] : 'тривоги немає · no alert');
  }
  document.getElementById('locate').addEventListener('click', function () {
    navigator.geolocation.getCurrentPosition(function (p) {
      myPoint = [p.coords.longitude, p.coords.latitude];
      L.circleMarker([p.coords.latitude, p.coords.longitude], { radius: 6, color: '#1e63b5' }).addTo(map);
      renderMyArea();
    }, function () { document.getElementById('my-status').textContent = 'Місцезнаходження недоступне · Location unavailable'; });
  });

  function refresh() {
    return fetch('/api/v1/alerts').then(r => r.json()).then(function (body) {
      state.status = body.status;
      // An alert without a status of its own (an older server) takes the server's.
      state.alerts = body.alerts.map(a => Object.assign({}, a, { status: a.status || body.status }));
      state.areas = body.areas || [];
      state.rate = body.clockRate || 1;
      state.serverTime = Date.parse(body.serverTime);
      state.receivedAt = Date.now();
      render();
    });
  }

  function connect() {
    const source = new EventSource('/api/v1/events');
    source.onopen = function () { document.getElementById('connection').textContent = '● live'; };
    source.onerror = function () { document.getElementById('connection').textContent = '○ reconnecting…'; };
    source.addEventListener('alert', function (message) {
      state.history.unshift(JSON.parse(message.data));
      refresh();
    });
  }

  // Read-only hooks for the browser test: what the map shows, as drawn.
  window.tocsinPage = {
    areasLoaded: function () { return Object.keys(state.layers).length; },
    renderedLevels: function () { return drawn('level'); },
    renderedStatuses: function () { return drawn('status'); },
    atlasAreas: function () { return window.tocsinAtlas.areas(); },
    atlasShown: function () { return window.tocsinAtlas.shown(); }
  };

  // What renderMap coloured, per area on the map, from the map it kept (not from the colours).
  function drawn(field) {
    const shown = {};
    Object.keys(state.drawn).forEach(function (id) { if (state.layers[id]) shown[id] = state.drawn[id][field]; });
    return shown;
  }

  setInterval(function () {
    document.querySelectorAll('.arrival').forEach(node => { node.replaceChildren(...arrivalNodes(node.dataset.arrival, node.dataset.notice)); });
  }, 250);
  refresh().then(connect);
})();
