// Browsers check no integrity attribute for a Web Worker's script, so the page does it: it fetches the worker's bytes,
// compares their SHA-256 with the hash built into its own SRI-protected bundle (build.mjs), and starts the worker from
// a blob: URL of exactly those bytes. A worker the server swapped is never run.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '../protocol/encoding.js';

export class WorkerIntegrityError extends Error {
  constructor(message) {
    super(message);
    this.name = 'WorkerIntegrityError';
  }
}

/**
 * A blob: URL of the worker script at `url`, or WorkerIntegrityError when it cannot be fetched or its SHA-256 is not
 * `expectedHex`. The caller revokes the URL when its workers are done.
 * @param {string} url @param {string} expectedHex @param {typeof fetch} [fetchFn]
 * @returns {Promise<string>}
 */
export async function verifiedWorkerUrl(url, expectedHex, fetchFn = fetch) {
  if (typeof expectedHex !== 'string' || !/^[0-9a-f]{64}$/.test(expectedHex)) {
    throw new WorkerIntegrityError('no expected SHA-256 for the worker script');
  }
  const res = await fetchFn(url, { cache: 'no-store', credentials: 'same-origin' });
  if (!res.ok) throw new WorkerIntegrityError(`${url}: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const got = bytesToHex(sha256(bytes));
  if (got !== expectedHex) {
    throw new WorkerIntegrityError(`mã kiểm tra tiến trình phụ sai — the worker script's SHA-256 ${got} is not the published ${expectedHex}`);
  }
  return URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
}
