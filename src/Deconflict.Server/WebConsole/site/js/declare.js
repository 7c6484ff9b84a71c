// Declaring a movement: the route drawn on the map or read from a GPX file, the schedule and corridor from the form,
// a preview of what it would meet (POST /v1/movements/preview) and the signed movement.declare act.
import { gpx } from '../vendor/togeojson.js';
import { timesAtSpeed } from './geo.js';
import { OTHER, featureLayer, pointMarker, polyline, separation, time } from './map.js';

export function setUpDeclare({ client, map, layers, form, say, refresh }) {
  let route = [];          // [lon, lat] waypoints
  let gpxTimes = null;     // Dates from the GPX, one per waypoint, if it had them
  let drawing = false;
  const drawButton = document.getElementById('draw');
  const result = document.getElementById('preview-result');

  form.elements.id.value = `${client.party}-mv-${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
  // Three hours ahead: past the usual minimum notice, so a first declaration is not short-notice.
  const later = new Date(Date.now() + 3 * 3600_000);
  form.elements.departure.value = later.toISOString().slice(0, 16);

  const redraw = () => {
    layers.draft.clearLayers();
    layers.preview.clearLayers();
    if (route.length > 1) layers.draft.addLayer(polyline(route, { color: '#222', weight: 2, dashArray: '4 4' }));
    for (const p of route) layers.draft.addLayer(pointMarker(p, '#222', 'waypoint'));
  };
  drawButton.addEventListener('click', () => {
    drawing = !drawing;
    drawButton.textContent = drawing ? 'Stop drawing' : 'Draw route';
    map.getContainer().style.cursor = drawing ? 'crosshair' : '';
  });
  document.getElementById('clear-route').addEventListener('click', () => { route = []; gpxTimes = null; redraw(); });
  map.on('click', e => {
    if (!drawing) return;
    route.push([round(e.latlng.lng), round(e.latlng.lat)]);
    gpxTimes = null;
    redraw();
  });

  const readGpx = async file => {
    const collection = gpx(new DOMParser().parseFromString(await file.text(), 'application/xml'));
    const line = collection.features.find(f => f.geometry?.type === 'LineString');
    if (!line) throw new Error('The GPX file holds no track or route');
    route = line.geometry.coordinates.map(([lon, lat]) => [round(lon), round(lat)]);
    const times = line.properties?.coordinateProperties?.times;
    gpxTimes = Array.isArray(times) && times.length === route.length ? times.map(t => new Date(t)) : null;
    form.elements.useGpxTimes.checked = gpxTimes !== null;
    redraw();
    map.fitBounds(route.map(([lon, lat]) => [lat, lon]));
  };
  document.getElementById('gpx').addEventListener('change', e => e.target.files[0] && readGpx(e.target.files[0]).catch(say));
  map.getContainer().addEventListener('dragover', e => e.preventDefault());
  map.getContainer().addEventListener('drop', e => {
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (file) readGpx(file).catch(say);
  });

  // The GeoJSON feature movement.declare carries (DESIGN.md): waypoint times, corridor half-width, tolerance, altitude band.
  const feature = () => {
    if (route.length < 2) throw new Error('Draw at least two waypoints, or load a GPX file');
    const f = form.elements;
    const times = f.useGpxTimes.checked && gpxTimes
      ? gpxTimes
      : timesAtSpeed(route, new Date(f.departure.value + 'Z'), Number(f.speedKmh.value) / 3.6);
    const low = Number(f.altLow.value), high = Number(f.altHigh.value);
    return {
      type: 'Feature',
      id: f.id.value,
      geometry: { type: 'LineString', coordinates: route },
      properties: {
        party: client.party,
        kind: f.kind.value,
        times: times.map(t => t.toISOString().replace('.000Z', 'Z')),
        halfWidthM: Number(f.halfWidthM.value),
        toleranceS: Number(f.toleranceS.value),
        ...(low === 0 && high === 0 ? {} : { altitudeM: [low, high] }),
        units: f.units.value.split(',').map(s => s.trim()).filter(Boolean),
      },
    };
  };

  document.getElementById('preview').addEventListener('click', async () => {
    try {
      const f = feature();
      const preview = await client.json('POST', '/v1/movements/preview', { feature: f });
      layers.preview.clearLayers();
      layers.preview.addLayer(featureLayer(f, '#555', 'preview'));
      result.replaceChildren(...describe(preview, new Date(f.properties.times[0])));
      for (const c of preview.conflicts) {
        layers.preview.addLayer(pointMarker(c.point, OTHER, `conflict with ${c.otherParty} ${time(c.start)}–${time(c.end)}`));
      }
      say('');
    } catch (e) { say(e); }
  });

  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const f = feature();
      await client.act('movement.declare', { feature: f });
      route = [];
      redraw();
      result.textContent = `${f.id} declared.`;
      form.elements.id.value = `${client.party}-mv-${Date.now().toString(36)}`;
      await refresh();
    } catch (err) { say(err); }
  });
}

// The preview in words: each conflict's party, window, distance, and the departures that would clear.
function describe(preview, departure) {
  const items = [];
  const p = (cls, text) => Object.assign(document.createElement('p'), { className: cls, textContent: text });
  if (preview.conflicts.length === 0) return [p('clear', 'No conflict: the movement would be cleared at once.')];
  for (const c of preview.conflicts) {
    items.push(p('conflict', `Meets ${c.otherParty} between ${time(c.start)} and ${time(c.end)} UTC, ${separation(c.minSeparationM)}, near ${c.point[1].toFixed(4)}°N ${c.point[0].toFixed(4)}°E.`));
  }
  const shifted = minutes => time(new Date(departure.getTime() + minutes * 60_000).toISOString());
  const ways = [];
  if (preview.delayMinutes) ways.push(`leaving ${preview.delayMinutes} min later (${shifted(preview.delayMinutes)})`);
  if (preview.advanceMinutes) ways.push(`leaving ${preview.advanceMinutes} min earlier (${shifted(-preview.advanceMinutes)})`);
  items.push(p('suggestion', ways.length ? `Clear by ${ways.join(' or ')}.` : 'No departure within 3 hours either way clears it.'));
  items.push(p('hint', 'Declaring as it is sends the other party a passage request with the conflicting stretch only.'));
  return items;
}

const round = x => Math.round(x * 1e6) / 1e6;
