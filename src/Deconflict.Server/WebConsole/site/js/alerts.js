// Alerts from the stream, shown on the map and in the list at the same moment, each with "record hotline call".
import { el } from './inbox.js';
import { OTHER, pointMarker, time } from './map.js';

export function setUpAlerts({ client, list, layers, say }) {
  const shown = new Map(); // alert key → { item, marker }
  const keyOf = a => `${a.alert}|${a.unit}|${a.otherUnit ?? ''}`;

  function raised(a) {
    cleared(a);
    const text = `${a.alert}: ${a.unit} (${a.party})${a.otherUnit ? ` and ${a.otherUnit} (${a.otherParty})` : ''}`
      + `${a.distanceM !== undefined ? `, ${Math.round(a.distanceM)} m` : ''}${a.closingSpeedMps !== undefined ? `, closing at ${a.closingSpeedMps} m/s` : ''} at ${time(a.time)} UTC`;
    const marker = pointMarker(a.point, OTHER, text);
    layers.alerts.addLayer(marker);
    const other = a.party === client.party ? a.otherParty : a.party;
    const summary = el('input', { placeholder: 'what was agreed on the call', name: 'summary' });
    const record = el('button', { type: 'button', textContent: 'Record hotline call' });
    record.addEventListener('click', () => client.act('hotline.call', {
      with: other, at: new Date().toISOString(), summary: summary.value || `called ${other} about: ${text}`,
    }).then(() => { record.disabled = true; record.textContent = 'Call recorded'; }).catch(say));
    const item = el('li', { className: 'alert', dataset: { alert: a.alert } }, el('div', { textContent: text }),
      other && other !== client.party ? el('div', { className: 'actions' }, summary, record) : null);
    list.prepend(item);
    shown.set(keyOf(a), { item, marker });
  }

  function cleared(a) {
    const old = shown.get(keyOf(a));
    if (!old) return;
    layers.alerts.removeLayer(old.marker);
    old.item.classList.remove('alert');
    old.item.firstChild.textContent += ' — cleared';
    shown.delete(keyOf(a));
  }

  function called(c) {
    list.prepend(el('li', { className: 'call', textContent: `hotline: ${c.caller} called ${c.callee} at ${time(c.calledAt)} UTC — ${c.summary}` }));
  }

  return { raised, cleared, called };
}
