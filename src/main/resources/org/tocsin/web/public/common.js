// What the public page and the console share: the status palette, how overlapping alerts colour
// an area, the TopoJSON decoder for the bundled world outline, and the making of elements.
// No text ever goes in as HTML (innerHTML and the like): area names come from whatever area file
// the server was given and draft texts are typed by people, so text goes through textContent, and
// the pages' Content-Security-Policy refuses whatever markup might still slip in.
(function () {
  'use strict';
  // Colours by status and level (docs/console-api.md); exercises and tests are also dashed.
  const PALETTE = {
    Actual: { shelter: '#c62828', prepare: '#f2a900' },
    Exercise: { shelter: '#6a1b9a', prepare: '#b39ddb' },
    Test: { shelter: '#00796b', prepare: '#80cbc4' }
  };
  // Where alerts overlap, the colour is the most serious: a real alert is never hidden under a
  // drill's colour, then shelter beats prepare.
  const STATUS_RANK = { Actual: 3, Exercise: 2, Test: 1 };
  const LEVEL_RANK = { shelter: 2, prepare: 1 };

  function rank(w) { return STATUS_RANK[w.status] * 10 + LEVEL_RANK[w.level]; }

  // areaId -> the {level, status} that colours it, over every alert in force.
  function colouring(alerts) {
    const drawn = {};
    alerts.forEach(function (alert) {
      (alert.areas || []).forEach(function (a) {
        const candidate = { level: a.level, status: alert.status };
        if (!PALETTE[candidate.status] || !LEVEL_RANK[candidate.level]) return;
        if (!drawn[a.id] || rank(candidate) > rank(drawn[a.id])) drawn[a.id] = candidate;
      });
    });
    return drawn;
  }

  // TopoJSON (arcs, delta encoding, transform) to GeoJSON geometry, for the bundled world outline.
  function topoFeature(topology, object) {
    const t = topology.transform;
    const arcs = topology.arcs.map(function (arc) {
      let x = 0, y = 0;
      return arc.map(function (p) {
        x += p[0]; y += p[1];
        return t ? [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] : p;
      });
    });
    function ring(indices) {
      const points = [];
      indices.forEach(function (i) {
        const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
        arc.forEach(function (p, k) { if (k > 0 || points.length === 0) points.push(p); });
      });
      return points;
    }
    function geometry(g) {
      if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.arcs.map(ring) };
      if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.arcs.map(function (p) { return p.map(ring); }) };
      return null;
    }
    return { type: 'FeatureCollection', features: object.geometries.map(function (g) {
      return { type: 'Feature', properties: {}, geometry: geometry(g) };
    }) };
  }

  // Whether a GeoJSON Polygon or MultiPolygon holds a [lon, lat] point (holes excluded).
  function inRing(point, ring) {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if (((yi > point[1]) !== (yj > point[1])) && (point[0] < (xj - xi) * (point[1] - yi) / (yj - yi) + xi)) inside = !inside;
    }
    return inside;
  }
  function contains(geometry, point) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    return polygons.some(p => inRing(point, p[0]) && !p.slice(1).some(h => inRing(point, h)));
  }

  // An element with a class and text, the text set as text.
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Content for Leaflet's bindTooltip: given a string, Leaflet would put it in as HTML, so it gets
  // a function that makes a text node instead, when the tooltip opens.
  function textTooltip(text) {
    return function () { return document.createTextNode(String(text)); };
  }

  window.tocsinCommon = {
    PALETTE: PALETTE,
    STATUS_RANK: STATUS_RANK,
    colouring: colouring,
    topoFeature: topoFeature,
    contains: contains,
    el: el,
    textTooltip: textTooltip
  };
})();
