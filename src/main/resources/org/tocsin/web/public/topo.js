// TopoJSON to GeoJSON, for the bundled world outline that both pages draw as their backdrop.
(function () {
  'use strict';
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

  window.tocsinTopo = { feature: topoFeature };
})();
