// Test helpers: independent reference computations (node:crypto) and test-only
// provers for the Schnorr and DLEQ proofs (the library only verifies those).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { G, q, modq, randomScalar, Hq } from '../src/protocol/index.js';

export const VECTOR_FILE = fileURLToPath(
  new URL('../../../../../crypto/src/test/resources/vectors/protocol-v1.json', import.meta.url));

/** @returns {any|null} the cross-language vectors, or null when not there yet */
export function loadVectors() {
  if (!existsSync(VECTOR_FILE)) return null;
  return JSON.parse(readFileSync(VECTOR_FILE, 'utf8'));
}

export const sha256 = (buf) => new Uint8Array(createHash('sha256').update(buf).digest());
export const sha512 = (buf) => new Uint8Array(createHash('sha512').update(buf).digest());
export const hex = (b) => Buffer.from(b).toString('hex');
export const unhex = (s) => new Uint8Array(Buffer.from(s, 'hex'));

/** Test-only Schnorr prover (§5). */
export function proveSchnorr(gamma, member, coefficient, a, u = randomScalar()) {
  const A = G.multiply(a);
  const h = G.multiply(u);
  const c = Hq('cvote/v1/schnorr', { hash: gamma }, { int: member }, { int: coefficient }, { point: A }, { point: h });
  return { A, proof: { h, c, v: modq(u - c * a) } };
}

/** Test-only Chaum–Pedersen prover (§5): M = s·alpha, S = s·G. */
export function proveDleq(Q, member, label, s, alpha, u = randomScalar()) {
  const S = G.multiply(s);
  const M = alpha.multiply(s);
  const a = G.multiply(u);
  const b = alpha.multiply(u);
  const c = Hq('cvote/v1/dleq', { hash: Q }, { int: member }, { string: label },
    { point: S }, { point: alpha }, { point: M }, { point: a }, { point: b });
  return { S, M, proof: { a, b, c, v: modq(u - c * s) } };
}

export { q };
