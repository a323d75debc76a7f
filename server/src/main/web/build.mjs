// Bundles the booth's protocol library and the pages' scripts (ESM, minified) for the server
// to serve from the classpath folder /web:  node build.mjs [--outdir DIR] [--webdir DIR]
// Default output: server/target/classes/web/js/*.js (+ .map), and the static pages (public/:
// HTML, CSS) copied to server/target/classes/web/. With only --outdir, just the scripts are built.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { cpSync } from 'node:fs';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const i = args.indexOf('--outdir');
const w = args.indexOf('--webdir');
const webdir = w >= 0 ? path.resolve(args[w + 1]) : (i >= 0 ? null : path.resolve(here, '../../../target/classes/web'));
const outdir = i >= 0 ? path.resolve(args[i + 1]) : path.join(webdir, 'js');

const result = await build({
  absWorkingDir: here,
  entryPoints: {
    'cvote-protocol': 'src/protocol/index.js',
    booth: 'src/ui/booth.js',
    console: 'src/ui/console.js',
    board: 'src/ui/board.js',
    page: 'src/ui/page.js',
    bench: 'src/ui/bench.js',
    portal: 'src/ui/portal.js',
    // the committee member's library (issue 22) and its board-verification worker
    committee: 'src/committee/index.js',
    'committee-worker': 'src/committee/board-worker.js',
  },
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
});
if (result.errors.length > 0) process.exit(1);
if (webdir) cpSync(path.resolve(here, 'public'), webdir, { recursive: true });
for (const [file, info] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.js')) console.log(`web bundle: ${path.resolve(here, file)} ${(info.bytes / 1024).toFixed(1)} KiB`);
}
