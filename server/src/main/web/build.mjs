// Bundles the booth's protocol library and the pages' scripts (ESM, minified) for the server
// to serve from the classpath folder /web:  node build.mjs [--outdir DIR] [--webdir DIR]
// Default output: server/target/classes/web/js/*.js (+ .map), and the static pages (public/:
// HTML, CSS) copied to server/target/classes/web/. With only --outdir, just the scripts are built.
// Every page's <script src="/js/…"> and <link rel="stylesheet" href="/css/…"> gets a Subresource Integrity
// attribute (sha256 of the built file), and web-hashes.json lists the SHA-256 of the committee page, the booth and
// everything they load (docs/protocol.md §10.6): the same sources give the same bytes (esbuild is deterministic,
// no time stamp or absolute path is written), so `bin/cvote web-hash` rebuilds them and prints the same hashes.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { cpSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const i = args.indexOf('--outdir');
const w = args.indexOf('--webdir');
const webdir = w >= 0 ? path.resolve(args[w + 1]) : (i >= 0 ? null : path.resolve(here, '../../../target/classes/web'));
const outdir = i >= 0 ? path.resolve(args[i + 1]) : path.join(webdir, 'js');

const options = {
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  sourcemap: 'linked', // a separate .map file, nothing inline
  legalComments: 'linked',
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
};
// The board-verification worker first: browsers check no integrity for a worker, so its SHA-256 is built into the
// committee page's (SRI-protected) bundle, which checks the fetched bytes before starting it (worker-source.js).
const worker = await build({ ...options, absWorkingDir: here, entryPoints: { 'committee-worker': 'src/committee/board-worker.js' } });
if (worker.errors.length > 0) process.exit(1);
const workerSha256 = createHash('sha256').update(readFileSync(path.join(outdir, 'committee-worker.js'))).digest('hex');
const result = await build({
  ...options,
  define: { __CVOTE_WORKER_SHA256__: JSON.stringify(workerSha256) },
  absWorkingDir: here,
  entryPoints: {
    'cvote-protocol': 'src/protocol/index.js',
    booth: 'src/ui/booth.js',
    console: 'src/ui/console.js',
    board: 'src/ui/board.js',
    page: 'src/ui/page.js',
    bench: 'src/ui/bench.js',
    'bench-committee': 'src/ui/bench-committee.js', // cvote bench's committee board verification (issue 22)
    portal: 'src/ui/portal.js',
    // the committee member's library (issue 22), the committee page and the board-verification worker
    committee: 'src/committee/index.js',
    'committee-page': 'src/ui/committee-page.js',
  },
});
if (result.errors.length > 0) process.exit(1);
if (webdir) {
  cpSync(path.resolve(here, 'public'), webdir, { recursive: true });
  writeFileSync(path.join(webdir, 'web-hashes.json'), JSON.stringify(withIntegrity(webdir), null, 2) + '\n');
}
for (const [file, info] of Object.entries({ ...worker.metafile.outputs, ...result.metafile.outputs })) {
  if (file.endsWith('.js')) console.log(`web bundle: ${path.resolve(here, file)} ${(info.bytes / 1024).toFixed(1)} KiB`);
}

/** SHA-256 of a file under the web folder. */
function sha256(webdir, rel) {
  return createHash('sha256').update(readFileSync(path.join(webdir, rel))).digest();
}

/**
 * Adds integrity="sha256-…" to each page's same-origin scripts and style sheets (rewriting the copied pages), and
 * returns {files: {path: sha256 hex}} for the trusted pages (booth, committee) and what they load, sorted by path.
 */
function withIntegrity(webdir) {
  const trusted = new Set(['booth.html', 'committee.html']);
  const files = {};
  const tag = /<(script type="module" src|link rel="stylesheet" href)="\/((?:js|css)\/[A-Za-z0-9._-]+)"/g;
  for (const page of readdirSync(webdir).filter((f) => f.endsWith('.html')).sort()) {
    const file = path.join(webdir, page);
    const html = readFileSync(file, 'utf8').replace(tag, (m, kind, rel) => {
      const digest = sha256(webdir, rel);
      if (trusted.has(page)) files[rel] = digest.toString('hex');
      return `${m} integrity="sha256-${digest.toString('base64')}"`;
    });
    writeFileSync(file, html);
    if (trusted.has(page)) files[page] = sha256(webdir, page).toString('hex');
  }
  // the committee page's Web Worker is loaded by its script, not by a tag: listed too
  for (const js of readdirSync(path.join(webdir, 'js')).filter((f) => /^committee-worker\.js$/.test(f)).sort()) {
    files['js/' + js] ??= sha256(webdir, 'js/' + js).toString('hex');
  }
  return { files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) };
}
