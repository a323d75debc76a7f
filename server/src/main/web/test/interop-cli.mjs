// Helper for the Java↔JS blind-RSA interop test (server: BlindRsaNodeInteropTest), not a test itself:
//   node test/interop-cli.mjs blind <pollId> <spkiHex>          → prints the blinding state (JSON)
//   node test/interop-cli.mjs finalize <stateFile> <blindSigHex> → prints the finalized token {msg, sig}
import { readFileSync } from 'node:fs';
import { blindToken, finalizeToken } from '../src/protocol/token.js';

const [cmd, a, b] = process.argv.slice(2);
if (cmd === 'blind') {
  process.stdout.write(JSON.stringify(await blindToken(a, b)));
} else if (cmd === 'finalize') {
  process.stdout.write(JSON.stringify(await finalizeToken(JSON.parse(readFileSync(a, 'utf8')), b)));
} else {
  process.stderr.write('usage: interop-cli.mjs blind <pollId> <spkiHex> | finalize <stateFile> <blindSigHex>\n');
  process.exit(2);
}
