// The party's client of this server: reads signed with RFC 9421 HTTP message signatures (as src/Deconflict.Server/Auth
// checks them), acts signed as envelopes (docs/formats/envelope.md), and the party's event stream.
import { canonicalize } from './jcs.js';
import { hex, sha256, toBase64, utf8 } from './bytes.js';

/** A refusal from the server: an RFC 9457 problem with its stable code and the field at fault. */
export class Problem extends Error {
  constructor(status, problem) {
    super(`${problem.title ?? status}: ${problem.detail ?? ''}${problem.field ? ` (${problem.field})` : ''}`);
    this.status = status;
    this.code = problem.code;
    this.field = problem.field;
  }
}

/** The envelope's signed bytes: "deconflict/v1\n" then the RFC 8785 form of the envelope without sig. */
export const signedBytes = envelope => utf8('deconflict/v1\n' + canonicalize(envelope));

/** Signs an envelope {v, party, seq, time, kind, body}; returns it with sig, in the canonical form the ledger stores. */
export async function signEnvelope(key, envelope) {
  const sig = toBase64(await key.sign(signedBytes(envelope)));
  return canonicalize({ ...envelope, sig });
}

export class Client {
  constructor(key) {
    this.key = key;
    this.party = key.party;
    this.lastSeq = null;
  }

  /** A fetch signed over @method, @authority, @path (+ @query, + content-digest with a body). */
  async fetch(method, path, { body, headers = {}, signal } = {}) {
    const url = new URL(path, location.origin);
    const components = ['@method', '@authority', '@path'];
    const values = { '@method': method, '@authority': url.host.toLowerCase(), '@path': url.pathname };
    if (url.search) {
      components.push('@query');
      values['@query'] = url.search;
    }
    const all = { ...headers };
    let bytes;
    if (body !== undefined) {
      bytes = utf8(JSON.stringify(body));
      // The digest (RFC 9530) brings the body under the signature.
      values['content-digest'] = all['Content-Digest'] = `sha-256=:${toBase64(await sha256(bytes))}:`;
      all['Content-Type'] = 'application/json';
      components.push('content-digest');
    }
    const nonce = hex(crypto.getRandomValues(new Uint8Array(12)));
    const params = `(${components.map(c => `"${c}"`).join(' ')});created=${Math.floor(Date.now() / 1000)};keyid="${this.party}";nonce="${nonce}";alg="ed25519"`;
    const base = components.map(c => `"${c}": ${values[c]}\n`).join('') + `"@signature-params": ${params}`;
    all['Signature-Input'] = `sig1=${params}`;
    all['Signature'] = `sig1=:${toBase64(await this.key.sign(utf8(base)))}:`;
    return fetch(url, { method, headers: all, body: bytes, signal });
  }

  async json(method, path, body) {
    const response = await this.fetch(method, path, { body });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Problem(response.status, data);
    return data;
  }

  get(path) { return this.json('GET', path); }

  /**
   * Signs and submits an act. The seq must exceed every seq the ledger admitted from the party, from any client (the CLI
   * keeps its own), so it starts from the server's count (/v1/session) and, if another client got ahead, re-reads it once.
   */
  async act(kind, body) {
    for (let attempt = 0; ; attempt++) {
      if (this.lastSeq === null) this.lastSeq = (await this.get('/v1/session')).lastSeq;
      const envelope = { v: 1, party: this.party, seq: this.lastSeq + 1, time: new Date().toISOString(), kind, body };
      const response = await fetch('/v1/acts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: await signEnvelope(this.key, envelope) });
      const data = await response.json().catch(() => ({}));
      if (response.ok) {
        this.lastSeq = envelope.seq;
        return data;
      }
      if (data.code === 'envelope.replayed-seq' && attempt === 0) {
        this.lastSeq = null;
        continue;
      }
      throw new Problem(response.status, data);
    }
  }

  /**
   * Follows the party's stream (GET /v1/stream, server-sent events). EventSource cannot send signature headers, so this
   * reads the body with fetch and resumes after the last event id on reconnect, missing nothing. Calls onEvent(type, data,
   * id) and onState('connecting' | 'live' | 'reconnecting'), for as long as the page is open.
   */
  async follow(afterId, onEvent, onState) {
    let last = afterId;
    for (;;) {
      try {
        onState('connecting');
        // The server answers with a heartbeat at once, so the headers arrive as soon as the subscription is taken.
        const response = await this.fetch('GET', '/v1/stream', { headers: { 'Last-Event-ID': String(last) } });
        if (!response.ok) throw new Problem(response.status, await response.json().catch(() => ({})));
        onState('live');
        for await (const event of sse(response.body)) {
          // Ids are "N" or "N:j" (an entry that told this party of several events); kept as sent, to resume exactly there.
          if (event.id !== undefined) last = event.id;
          if (event.type !== 'heartbeat') onEvent(event.type, JSON.parse(event.data), last);
        }
      } catch (e) {
        console.warn('stream', e);
      }
      onState('reconnecting');
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
  }
}

// Splits a text/event-stream body into {type, data, id} events (WHATWG HTML §9.2.6, the parts this server sends).
async function* sse(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { type: 'message', data: '' };
      const data = [];
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.type = text;
        else if (field === 'data') data.push(text);
        else if (field === 'id') event.id = text;
      }
      event.data = data.join('\n');
      if (data.length) yield event;
    }
  }
}
