// The party's private key, read from the file `deconflict keygen` writes (a C2SP signed-note key,
// docs/formats/keys-checkpoints-proofs.md): PRIVATE+KEY+<name>+<key ID>+base64(0x01 ‖ 32-byte Ed25519 seed).
// The key is imported into WebCrypto as non-extractable and kept in memory only: nothing stores or sends it.
import { concat, fromBase64, hex, sha256, utf8 } from './bytes.js';

// PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410): WebCrypto imports private keys only in this or JWK form.
const PKCS8_ED25519 = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

/** Reads a key file's text; returns { party, keyId, sign(bytes) → Promise<Uint8Array(64)> }. Throws naming what is wrong. */
export async function loadKey(text) {
  const PREFIX = 'PRIVATE+KEY+';
  const line = text.trim();
  // Split at the first two '+' after the prefix only: the base64 key may hold '+' itself.
  const first = line.indexOf('+', PREFIX.length);
  const second = line.indexOf('+', first + 1);
  if (!line.startsWith(PREFIX) || first < 0 || second < 0) {
    throw new Error('This is not a private key file: it should read PRIVATE+KEY+<party>+<key id>+<key> (the .key file of `deconflict keygen`, not the .vkey)');
  }
  const party = line.slice(PREFIX.length, first);
  const keyId = line.slice(first + 1, second);
  const encoded = line.slice(second + 1);
  const raw = fromBase64(encoded);
  if (raw.length !== 33 || raw[0] !== 0x01) {
    throw new Error('The key is not an Ed25519 note key (type 0x01 and a 32-byte seed)');
  }
  const pkcs8 = concat(PKCS8_ED25519, raw.subarray(1));
  // Import once extractable only to read the public key and check the key ID, so a corrupt file fails here, not at the server.
  const probe = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', probe);
  const publicKey = fromBase64(jwk.x.replace(/-/g, '+').replace(/_/g, '/') + '=');
  const id = hex((await sha256(concat(utf8(party + '\n'), Uint8Array.of(0x01), publicKey))).subarray(0, 4));
  if (id !== keyId) {
    throw new Error(`The key ID ${keyId} does not match the key (${id}): the file is damaged`);
  }
  const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
  return {
    party,
    keyId,
    sign: async bytes => new Uint8Array(await crypto.subtle.sign('Ed25519', key, bytes)),
  };
}
