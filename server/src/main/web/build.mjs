// Bundles the booth's protocol library (ESM, minified) for the server to serve
// from the classpath folder /web:  node build.mjs [--outdir DIR]
// Default output: server/target/classes/web/js/cvote-protocol.js (+ .map).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const i = args.indexOf('--outdir');
const outdir = i >= 0 ? path.resolve(args[i + 1]) : path.resolve(here, '../../../target/classes/web/js');

const result = await build({
  absWorkingDir: here,
  entryPoints: { 'cvote-protocol': 'src/protocol/index.js' },
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
for (const [file, info] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.js')) console.log(`web bundle: ${path.resolve(here, file)} ${(info.bytes / 1024).toFixed(1)} KiB`);
}
