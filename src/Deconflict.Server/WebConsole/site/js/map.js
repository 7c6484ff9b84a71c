// The map: no base tiles from the internet (the operations room has none); a graticule and a scale, and the operator's
// own tile server if configured (--tiles). Layers: own and coalition movements as corridors, zones, the disclosed
// pieces of other parties' movements, units with their military symbols, alerts, and the route being drawn.
import * as L from '../vendor/leaflet.js';
import { corridorQuads } from './geo.js';

export const FRIEND = '#1565c0';
export const OTHER = '#c62828';

export function createMap(element, tiles) {
  const map = L.map(element, { center: [37.17, 42.13], zoom: 11, attributionControl: false, preferCanvas: false });
  if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  graticule(map);
  const layers = {};
  for (const name of ['movements', 'others', 'units', 'alerts', 'draft', 'preview']) layers[name] = L.layerGroup().addTo(map);
  return { map, layers };
}

// Lines every 1, 0.5, 0.1… degree depending on zoom, so positions can be read off the map without any base map.
function graticule(map) {
  const group = L.layerGroup().addTo(map);
  const draw = () => {
    group.clearLayers();
    const b = map.getBounds();
    const span = Math.max(b.getEast() - b.getWest(), b.getNorth() - b.getSouth());
    const step = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10].find(s => span / s <= 12) ?? 10;
    const style = { color: '#8a9ba8', weight: 1, opacity: 0.6, interactive: false };
    for (let lon = Math.ceil(b.getWest() / step) * step; lon <= b.getEast(); lon += step) {
      group.addLayer(L.polyline([[b.getSouth(), lon], [b.getNorth(), lon]], style));
      group.addLayer(label([b.getSouth(), lon], `${lon.toFixed(3)}°E`));
    }
    for (let lat = Math.ceil(b.getSouth() / step) * step; lat <= b.getNorth(); lat += step) {
      group.addLayer(L.polyline([[lat, b.getWest()], [lat, b.getEast()]], style));
      group.addLayer(label([lat, b.getWest()], `${lat.toFixed(3)}°N`));
    }
  };
  const label = (at, text) => L.marker(at, { interactive: false, icon: L.divIcon({ className: 'graticule-label', html: text, iconSize: null, iconAnchor: [-2, 14] }) });
  map.on('moveend', draw);
  draw();
}

/** A movement feature (GeoJSON, as declared) drawn as its corridor, zone polygon or static site. */
export function featureLayer(feature, color, label) {
  const p = feature.properties ?? {};
  const g = feature.geometry;
  const group = L.layerGroup();
  const style = { color, weight: 1, fillColor: color, fillOpacity: 0.25 };
  if (g.type === 'LineString') {
    for (const quad of corridorQuads(g.coordinates, p.halfWidthM ?? 0)) group.addLayer(L.polygon(quad, { ...style, weight: 0 }));
    for (const [lon, lat] of g.coordinates) group.addLayer(L.circle([lat, lon], { ...style, weight: 0, radius: p.halfWidthM ?? 0 }));
    group.addLayer(L.polyline(g.coordinates.map(([lon, lat]) => [lat, lon]), { color, weight: 2 }).bindTooltip(label));
  } else if (g.type === 'Polygon') {
    group.addLayer(L.polygon(g.coordinates[0].map(([lon, lat]) => [lat, lon]), { ...style, dashArray: '6 4' }).bindTooltip(label));
  } else if (g.type === 'Point') {
    group.addLayer(L.circle([g.coordinates[1], g.coordinates[0]], { ...style, radius: p.halfWidthM ?? p.standoffM ?? 50 }).bindTooltip(label));
  }
  return group;
}

/** The pieces of a movement a request disclosed ([{coordinates, start, end}]), as thick lines. */
export function piecesLayer(pieces, color, label) {
  const group = L.layerGroup();
  for (const piece of pieces) {
    group.addLayer(L.polyline(piece.coordinates.map(([lon, lat]) => [lat, lon]), { color, weight: 6, opacity: 0.8 })
      .bindTooltip(`${label} ${time(piece.start)}–${time(piece.end)}`));
  }
  return group;
}

/** A point of interest: a conflict's closest point or an alert. */
export function pointMarker([lon, lat], color, label) {
  return L.circleMarker([lat, lon], { radius: 9, color, weight: 3, fillOpacity: 0.2 }).bindTooltip(label);
}

// MIL-STD-2525C letter SIDCs: friends (own and coalition) blue, others unknown (yellow), as the field marks them.
const SIDC = { ground: 'S*GPU-----', air: 'S*APM-----', static: 'S*GPI-----' };

/** A unit marker with its military symbol by kind and affiliation. */
export function unitMarker([lon, lat], kind, friend, label) {
  const sidc = (SIDC[kind] ?? SIDC.ground).replace('*', friend ? 'F' : 'U');
  const symbol = new window.ms.Symbol(sidc, { size: 22, uniqueDesignation: label });
  const anchor = symbol.getAnchor();
  const size = symbol.getSize();
  return L.marker([lat, lon], {
    title: label,
    icon: L.icon({ iconUrl: symbol.toDataURL(), iconSize: [size.width, size.height], iconAnchor: [anchor.x, anchor.y] }),
  });
}

export const polyline = (coordinates, options) => L.polyline(coordinates.map(([lon, lat]) => [lat, lon]), options);
/** A conflict's minimum separation in words: the engine gives distance less both half-widths, negative when corridors overlap. */
export const separation = m => m <= 0 ? `corridors overlap by ${Math.round(-m)} m` : `${Math.round(m)} m apart`;

export const time = iso => iso ? new Date(iso).toISOString().slice(11, 16) : '';
