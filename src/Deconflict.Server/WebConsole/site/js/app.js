// The console's entry point: load the key, then show the party's world and keep it live from its stream.
import { loadKey } from './keys.js';
import { Client } from './client.js';
import { FRIEND, OTHER, createMap, featureLayer, piecesLayer, pointMarker, separation, time, unitMarker } from './map.js';
import { setUpDeclare } from './declare.js';
import { renderMovements, renderRequests } from './inbox.js';
import { setUpAlerts } from './alerts.js';

const $ = id => document.getElementById(id);
const message = $('message');
const say = e => {
  if (e) console.error(e);
  message.textContent = e ? (e.message ?? String(e)) : '';
};

// The key may be chosen before the configuration arrives: listen at once, draw the map when it is known.
const mapReady = fetch('config.json').then(r => r.json()).then(config => createMap($('map'), config.tiles));

$('key-file').addEventListener('change', async e => {
  const input = e.target;
  const file = input.files[0];
  input.value = ''; // the file input would otherwise keep the file's name (and a way back to it) in the page
  if (!file) return;
  try {
    await start(await file.text());
    // One party per page: its forms and stream are wired to this key; reloading the page forgets it.
    input.disabled = true;
    input.parentElement.title = 'Reload the page to use another key';
  } catch (err) { say(err); }
});

async function start(keyText) {
  const { map, layers } = await mapReady;
  const key = await loadKey(keyText);
  const client = new Client(key);
  const session = await client.get('/v1/session');
  $('who').textContent = `${session.party}${session.allies.length ? ` (coalition: ${session.allies.join(', ')})` : ''} · key ${key.keyId}`;
  document.body.dataset.party = session.party;
  for (const id of ['declare', 'inbox', 'alerts']) $(id).hidden = false;
  say('');

  let fitted = false;
  const refresh = async () => {
    const [movements, requests, units] = await Promise.all([client.get('/v1/movements'), client.get('/v1/requests'), client.get('/v1/units')]);
    layers.movements.clearLayers();
    for (const m of movements) {
      if (m.feature) layers.movements.addLayer(featureLayer(m.feature, FRIEND, `${m.id} (${m.party}) ${m.state} ${time(m.start)}–${time(m.end)}`));
    }
    // Of other parties' movements the party sees only the conflicting pieces the requests disclosed.
    layers.others.clearLayers();
    for (const r of requests) {
      for (const c of r.conflicts) {
        const theirs = r.from === session.party ? c.otherPieces : c.pieces;
        const owner = r.from === session.party ? c.otherParty : r.from;
        layers.others.addLayer(piecesLayer(theirs, OTHER, `${owner}`));
        layers.others.addLayer(pointMarker(c.point, OTHER, `conflict ${time(c.start)}–${time(c.end)} UTC, ${separation(c.minSeparationM)}`));
      }
    }
    layers.units.clearLayers();
    for (const u of units) layers.units.addLayer(unitMarker(u.position, u.kind, true, u.id));
    renderRequests($('requests'), requests, { client, say, refresh: () => refresh().catch(say) });
    renderMovements($('movements'), movements);
    const everything = [layers.movements, layers.others, layers.units].flatMap(g => g.getLayers());
    if (!fitted && everything.length) {
      fitted = true;
      const bounds = everything.map(l => l.getBounds?.() ?? l.getLayers?.()[0]?.getBounds?.()).filter(Boolean);
      if (bounds.length) map.fitBounds(bounds.reduce((a, b) => a.extend(b)), { maxZoom: 14 });
    }
  };

  // Resume the stream after the ledger as read now: what happened before is in the lists, what follows arrives live.
  const { size } = await client.get('/v1/ledger');
  await refresh();
  const alerts = setUpAlerts({ client, list: $('alert-list'), layers, say });
  setUpDeclare({ client, map, layers, form: $('declare-form'), say, refresh });
  let pending = null;
  client.follow(size - 1, (type, data) => {
    if (type === 'alert.raised') {
      alerts.raised(data);
      // The alert discloses the other party's unit near its point: shown with the "unknown" frame.
      const other = data.party === session.party ? data.otherUnit : data.unit;
      if (other) layers.alerts.addLayer(unitMarker(data.point, 'ground', false, other));
    } else if (type === 'alert.cleared') alerts.cleared(data);
    else if (type === 'hotline.called') alerts.called(data);
    // Requests, movements and units change together (an alert means units moved); one refresh per burst is enough.
    if (/^(request|movement|unit|alert)\./.test(type) && !pending) {
      pending = setTimeout(() => { pending = null; refresh().catch(say); }, 100);
    }
  }, state => {
    $('live').textContent = state;
    $('live').className = `live ${state === 'live' ? 'on' : 'off'}`;
  });
}
