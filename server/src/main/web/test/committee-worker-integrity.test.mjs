// Browsers do not check a Web Worker's script against any integrity attribute: the committee page fetches the
// worker's bytes, compares their SHA-256 with the hash built into its own SRI-protected bundle, and starts the
// worker from a blob: URL of exactly those bytes (docs/security.md, "The served code").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifiedWorkerUrl, WorkerIntegrityError } from '../src/committee/worker-source.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const served = (bytes, status = 200) => async () => new Response(bytes, { status });
const hex = (b) => createHash('sha256').update(b).digest('hex');

test('the worker starts from a blob: URL of the fetched bytes only when they hash to the expected SHA-256', async () => {
  const good = new TextEncoder().encode('self.onmessage = () => {};');
  const url = await verifiedWorkerUrl('/js/committee-worker.js', hex(good), served(good));
  assert.match(url, /^blob:/);
  URL.revokeObjectURL(url);
  const evil = new TextEncoder().encode('self.onmessage = () => { /* the operator\'s worker */ };');
  await assert.rejects(verifiedWorkerUrl('/js/committee-worker.js', hex(good), served(evil)), WorkerIntegrityError);
  await assert.rejects(verifiedWorkerUrl('/js/committee-worker.js', hex(good), served(good, 404)), WorkerIntegrityError);
  await assert.rejects(verifiedWorkerUrl('/js/committee-worker.js', '', served(good)), WorkerIntegrityError, 'no hash, no worker');
});

test('the committee page bundle carries the SHA-256 of the worker bundle built beside it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cvote-web-'));
  try {
    execFileSync(process.execPath, [path.join(here, '..', 'build.mjs'), '--outdir', dir], { stdio: 'pipe' });
    const page = readFileSync(path.join(dir, 'committee-page.js'), 'utf8');
    assert.ok(page.includes(hex(readFileSync(path.join(dir, 'committee-worker.js')))), 'the worker hash is in the page bundle');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
