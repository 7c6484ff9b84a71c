// The inbox: passage requests sent and received, with state, deadline and the answers the party may give now.
import { separation, time } from './map.js';

/** A DOM element with properties (dataset as an object) and children (null children skipped). */
export function el(tag, { dataset, ...props } = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

const utc = iso => iso ? iso.replace('T', ' ').slice(0, 16) + ' UTC' : '';

/** Renders the requests into list; acts through client.act, then calls refresh. */
export function renderRequests(list, requests, { client, say, refresh }) {
  const act = (kind, body) => client.act(kind, body).then(refresh).catch(say);
  list.replaceChildren(...requests.map(r => {
    const received = r.to === client.party;
    const open = ['requested', 'acknowledged', 'counter-proposed'].includes(r.state);
    const item = el('li', { className: 'request', dataset: { id: r.id, state: r.state } },
      el('div', {}, el('b', { textContent: received ? `From ${r.from}` : `To ${r.to}` }), ` · ${r.movementId} · `,
        el('span', { className: 'state', textContent: r.state })),
      el('div', { textContent: `movement ${r.movementState}${r.deadline && open ? ` · answer by ${utc(r.deadline)}` : ''}${r.escalatedTo ? ` · escalated to ${r.escalatedTo}` : ''}` }),
      ...r.conflicts.map(c => el('div', { className: 'conflict', textContent: `conflict ${time(c.start)}–${time(c.end)} UTC, ${separation(c.minSeparationM)}` })),
      r.conditions ? el('div', { textContent: `conditions: ${r.conditions}` }) : null,
      r.reason ? el('div', { textContent: `reason: ${r.reason}` }) : null,
      r.counter ? el('div', { className: 'counter', textContent: `counter-proposal: ${utc(r.counter.start)} – ${utc(r.counter.end)}${r.counter.note ? ` (${r.counter.note})` : ''}` }) : null);
    const actions = el('div', { className: 'actions' });
    const requestId = r.id;
    if (received && (r.state === 'requested' || r.state === 'acknowledged')) {
      if (r.state === 'requested') actions.append(button('Acknowledge', () => act('request.acknowledge', { requestId })));
      const text = el('input', { placeholder: 'conditions or reason', name: 'text' });
      actions.append(text,
        button('Approve', () => act('request.approve', { requestId, ...(text.value ? { conditions: text.value } : {}) })),
        button('Deny', () => text.value ? act('request.deny', { requestId, reason: text.value }) : say('Give the reason for denying')));
      const start = el('input', { type: 'datetime-local', name: 'counter-start', title: 'counter window start (UTC)' });
      const end = el('input', { type: 'datetime-local', name: 'counter-end', title: 'counter window end (UTC)' });
      const note = el('input', { placeholder: 'note', name: 'counter-note' });
      actions.append(el('div', { className: 'row' }, 'Counter (UTC):', start, end), el('div', { className: 'row' }, note,
        button('Counter-propose', () => act('request.counter-propose', {
          requestId, window: { start: new Date(start.value + 'Z').toISOString(), end: new Date(end.value + 'Z').toISOString() },
          ...(note.value ? { note: note.value } : {}),
        }))));
    }
    if (!received && r.state === 'counter-proposed') {
      actions.append(button('Accept counter', () => act('request.accept-counter', { requestId })),
        button('Reject counter', () => act('request.reject-counter', { requestId })));
    }
    if (actions.childElementCount) item.append(actions);
    return item;
  }));
}

/** Renders the party's and its allies' movements with their states. */
export function renderMovements(list, movements) {
  list.replaceChildren(...movements.map(m => el('li', { className: 'movement', dataset: { id: m.id, state: m.state } },
    el('b', { textContent: m.id }), ` (${m.party}) ${utc(m.start)} – ${utc(m.end)} `, el('span', { className: 'state', textContent: m.state }))));
}

function button(text, onClick) {
  const b = el('button', { type: 'button', textContent: text });
  b.addEventListener('click', onClick);
  return b;
}
