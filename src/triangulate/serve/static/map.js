// The story's map: Natural Earth country outlines (world-atlas, vendored) drawn as SVG with d3-geo,
// a marker per place of the story's events. No tiles, no other host.
"use strict";
(function () {
  const svg = document.getElementById("map");
  const dataNode = document.getElementById("page-data");
  if (!svg || !dataNode || !window.d3 || !window.topojson) return;
  const points = JSON.parse(dataNode.textContent).points || [];
  const NS = "http://www.w3.org/2000/svg";
  const width = 640, height = 380;

  function node(tag, attrs) {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
    return el;
  }

  // the points' box with a margin, so that one point still shows its country and neighbours
  function extent() {
    if (points.length === 0) return { type: "Sphere" };
    let w = 180, e = -180, s = 90, n = -90;
    for (const p of points) {
      w = Math.min(w, p.lon); e = Math.max(e, p.lon); s = Math.min(s, p.lat); n = Math.max(n, p.lat);
    }
    const pad = Math.max(4, 0.2 * Math.max(e - w, n - s));
    w = Math.max(-180, w - pad); e = Math.min(180, e + pad);
    s = Math.max(-85, s - pad); n = Math.min(85, n + pad);
    return { type: "MultiPoint", coordinates: [[w, s], [e, n], [w, n], [e, s]] };
  }

  function draw(topo) {
    const projection = d3.geoMercator().fitExtent([[8, 8], [width - 8, height - 8]], extent());
    const path = d3.geoPath(projection);
    const countries = topojson.feature(topo, topo.objects.countries).features;
    svg.replaceChildren();
    svg.appendChild(node("rect", { x: 0, y: 0, width: width, height: height, class: "sea" }));
    const land = node("g", { class: "countries" });
    for (const country of countries) {
      const d = path(country);
      if (!d) continue;
      const name = (country.properties && country.properties.name) || "";
      const shape = node("path", { d: d, class: "country", "data-name": name });
      const title = node("title");
      title.textContent = name;
      shape.appendChild(title);
      land.appendChild(shape);
    }
    svg.appendChild(land);
    const markers = node("g", { class: "markers" });
    for (const p of points) {
      const xy = projection([p.lon, p.lat]);
      if (!xy) continue;
      const marker = node("circle", {
        cx: xy[0].toFixed(2), cy: xy[1].toFixed(2), r: (4 + 2 * Math.sqrt(p.events)).toFixed(1),
        class: "marker", "data-ev": p.key, "data-name": p.name, "data-lat": p.lat, "data-lon": p.lon,
        tabindex: 0, role: "button",
      });
      const title = node("title");
      title.textContent = p.label;
      marker.appendChild(title);
      markers.appendChild(marker);
    }
    svg.appendChild(markers);
    window.triangulateMap = { project: (lonlat) => projection(lonlat) };
    svg.setAttribute("data-ready", "1");
  }

  fetch(svg.getAttribute("data-atlas"), { credentials: "same-origin" })
    .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(draw)
    .catch(() => {
      const text = node("text", { x: 20, y: 40, class: "map-error" });
      text.textContent = "The map could not be drawn.";
      svg.appendChild(text);
    });
})();
