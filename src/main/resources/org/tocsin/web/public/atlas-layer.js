// The shelter-time atlas on the public page: an optional layer, "time to shelter", colouring each
// area by the minutes of warning its people would have (a nominal planning figure from the atlas
// the server was started with, `tocsin serve --atlas FILE`), and the figure of the area someone
// is in, for "My area". Colours and bins as in the atlas picture (AtlasPicture.java).
(function () {
  'use strict';
  const el = window.tocsinCommon.el;
  const MAX_BINS = 12;
  const RAMP = ['#b2182b', '#e05a2b', '#f4a542', '#f7e07a', '#b8de8c', '#5cb89c', '#2c7fb8', '#253494'];
  const BEYOND = '#c8c8c8';
  const BEYOND_MODEL = '#8c8c8c';
  const CLASS_NAMES = { srbm: 'SRBM', mrbm: 'MRBM', irbm: 'IRBM', icbm: 'ICBM' };
  const atlas = { features: [], settings: null, layer: null, map: null, colours: {} };

  // Whole minutes of warning, two to a bin when the atlas spans more than MAX_BINS of them.
  function binsOf(features) {
    const minutes = features.map(f => f.properties.warningTimeS).filter(s => s !== null).map(s => s / 60);
    if (!minutes.length) return { first: 0, perBin: 1, count: 1 };
    let first = Math.floor(Math.min.apply(null, minutes));
    const span = Math.max(1, Math.floor(Math.max.apply(null, minutes)) + 1 - first);
    const perBin = span > MAX_BINS ? 2 : 1;
    if (perBin === 2 && first % 2 !== 0) first--;
    return { first: first, perBin: perBin, count: Math.ceil(span / perBin) };
  }
  function binIndex(bins, warningS) {
    return Math.max(0, Math.min(bins.count - 1, Math.floor((warningS / 60 - bins.first) / bins.perBin)));
  }
  function hex(n) { return Math.round(n).toString(16).padStart(2, '0'); }
  function binColour(bins, bin) {
    if (bins.count === 1) return RAMP[0];
    const position = bin / (bins.count - 1) * (RAMP.length - 1);
    const lower = Math.floor(position), upper = Math.min(RAMP.length - 1, lower + 1), share = position - lower;
    const a = RAMP[lower], b = RAMP[upper];
    let colour = '#';
    for (let i = 1; i < 7; i += 2) {
      const x = parseInt(a.substring(i, i + 2), 16), y = parseInt(b.substring(i, i + 2), 16);
      colour += hex(x + share * (y - x));
    }
    return colour;
  }
  function colourOf(bins, p) {
    if (p.warningTimeS !== null) return binColour(bins, binIndex(bins, p.warningTimeS));
    return p.band === 'beyond-model-reach' ? BEYOND_MODEL : BEYOND;
  }

  // 6 хв 20 с · 6 min 20 s
  function duration(seconds) {
    const total = Math.round(seconds), m = Math.floor(total / 60), s = total % 60;
    return { uk: m + ' хв ' + s + ' с', en: m + ' min ' + s + ' s' };
  }

  function className() { return CLASS_NAMES[atlas.settings.class] || atlas.settings.class; }

  function legend(bins) {
    const div = L.DomUtil.create('div', 'legend atlas-legend');
    div.id = 'atlas-legend';
    div.append(el('div', 'legend-title', 'Хвилин на укриття · Minutes of warning (' + className() + ')'));
    for (let bin = 0; bin < bins.count; bin++) {
      const from = bins.first + bin * bins.perBin;
      const swatch = el('span', 'swatch');
      swatch.style.background = binColour(bins, bin);
      const row = el('div', 'legend-row');
      row.append(swatch, from + '–' + (from + bins.perBin) + ' хв · min');
      div.appendChild(row);
    }
    const beyond = el('span', 'swatch');
    beyond.style.background = BEYOND;
    const row = el('div', 'legend-row');
    row.append(beyond, 'поза досяжністю · beyond reach');
    div.append(row, el('div', 'legend-note', 'Плановий час, не межа · A nominal planning time, not a bound'));
    return div;
  }

  function addLayer(map, geoJson) {
    atlas.map = map;
    atlas.features = geoJson.features;
    atlas.settings = geoJson.atlas;
    const bins = binsOf(atlas.features);
    map.createPane('atlas');
    // Above the land (300), beneath the areas (the overlay pane, 400): an alert always shows on top.
    map.getPane('atlas').style.zIndex = 350;
    atlas.layer = L.geoJSON(geoJson, {
      pane: 'atlas',
      style: function (feature) {
        const colour = colourOf(bins, feature.properties);
        atlas.colours[feature.properties.id] = colour;
        return { color: '#ffffff', weight: 0.3, fillColor: colour, fillOpacity: 0.7 };
      },
      onEachFeature: function (feature, layer) {
        const p = feature.properties;
        const time = p.warningTimeS === null ? 'поза досяжністю · beyond reach'
          : duration(p.warningTimeS).uk + ' · ' + duration(p.warningTimeS).en;
        layer.bindTooltip(window.tocsinCommon.textTooltip(p.nameUk + ' · ' + p.nameEn + ': ' + time));
      }
    });
    const legendControl = L.control({ position: 'bottomright' });
    legendControl.onAdd = function () { return legend(bins); };
    const toggle = L.control({ position: 'topright' });
    toggle.onAdd = function () {
      const label = L.DomUtil.create('label', 'atlas-toggle');
      const box = el('input');
      box.type = 'checkbox';
      box.id = 'atlas-toggle';
      box.addEventListener('change', function () {
        if (box.checked) { atlas.layer.addTo(map); legendControl.addTo(map); }
        else { map.removeLayer(atlas.layer); legendControl.remove(); }
      });
      label.append(box, ' Час на укриття · Time to shelter');
      L.DomEvent.disableClickPropagation(label);
      return label;
    };
    toggle.addTo(map);
  }

  // The atlas, if the server has one; a server without answers 404 and the page offers nothing.
  function load(map) {
    return fetch('/api/v1/atlas').then(function (response) {
      if (!response.ok) return null;
      return response.json().then(function (geoJson) { addLayer(map, geoJson); });
    }).catch(function () { return null; });
  }

  // The planning figure of the atlas area holding [lon, lat], written into `out`.
  function showFigureAt(point, out) {
    if (!out) return;
    out.hidden = atlas.features.length === 0;
    if (out.hidden) return;
    const found = atlas.features.find(f => window.tocsinCommon.contains(f.geometry, point));
    if (!found) {
      out.textContent = 'Плановий час: район поза атласом · Planning time: area not in the atlas';
      return;
    }
    const p = found.properties;
    if (p.warningTimeS === null) {
      out.textContent = 'Плановий час: поза досяжністю ' + className() + ' · Planning time: beyond an ' +
        className() + "'s reach";
      return;
    }
    const warning = duration(p.warningTimeS), flight = duration(p.flightTimeS);
    out.replaceChildren(
      el('strong', null, 'Плановий час на укриття: ' + warning.uk + ' · Planning time to shelter: ' + warning.en),
      el('br'),
      'Політ ' + className() + ' ' + flight.uk + ' · ' + className() + ' flight ' + flight.en +
        ' — номінальний плановий час, не межа · a nominal planning time, not a bound');
  }

  window.tocsinAtlas = {
    load: load,
    showFigureAt: showFigureAt,
    areas: function () { return atlas.features.length; },
    shown: function () { return atlas.layer !== null && atlas.map.hasLayer(atlas.layer); },
    colours: function () { return Object.assign({}, atlas.colours); }
  };
})();
