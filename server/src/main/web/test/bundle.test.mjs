// The minified browser bundle works as a module and exposes the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

test('bundle builds, has no inline source map, and encrypts a verifying ballot', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cvote-web-'));
  try {
    execFileSync(process.execPath, [path.join(here, '..', 'build.mjs'), '--outdir', dir], { stdio: 'pipe' });
    const file = path.join(dir, 'cvote-protocol.js');
    const src = readFileSync(file, 'utf8');
    assert.ok(!src.includes('sourceMappingURL=data:'), 'no inline source map');
    assert.ok(src.length < 150 * 1024, `bundle is ${src.length} bytes`);
    const lib = await import(pathToFileURL(file).href);
    for (const name of ['encryptBallot', 'verifyBallot', 'challenge', 'blindToken', 'finalizeToken', 'trackingCode', 'H', 'Hq']) {
      assert.equal(typeof lib[name], 'function', name);
    }
    const K = lib.G.multiply(lib.randomScalar());
    const Q = lib.randomBytes(32);
    const token = { msg: lib.bytesToHex(lib.concatBytes(lib.randomBytes(32), lib.tokenMessage('p'))), sig: lib.bytesToHex(lib.randomBytes(384)) };
    const eb = lib.encryptBallot({ pollId: 'p', Q, K, token, choices: ['MID', null] });
    assert.ok(lib.verifyBallot(eb.ballot, { Q, K }).ok);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
