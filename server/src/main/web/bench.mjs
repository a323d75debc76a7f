// Micro-benchmark (not a test): time to encrypt + prove a 5-subject ballot in Node.
//   node bench.mjs [iterations]
import {
  G, randomScalar, randomBytes, bytesToHex, concatBytes, tokenMessage, encryptBallot, verifyBallot,
} from './src/protocol/index.js';

const N = Number(process.argv[2] ?? 20);
const K = G.multiply(randomScalar());
const Q = randomBytes(32);
const token = { msg: bytesToHex(concatBytes(randomBytes(32), tokenMessage('bench'))), sig: bytesToHex(randomBytes(384)) };
const choices = ['HIGH', 'MID', 'LOW', null, 'HIGH'];

const input = { pollId: 'bench', Q, K, token, choices };
for (let i = 0; i < 3; i++) encryptBallot(input); // warm-up (JIT, base-point tables)

const times = [];
let eb;
for (let i = 0; i < N; i++) {
  const t0 = performance.now();
  eb = encryptBallot(input);
  times.push(performance.now() - t0);
}
const vt = [];
for (let i = 0; i < Math.min(N, 10); i++) {
  const t0 = performance.now();
  const res = verifyBallot(eb.ballot, { Q, K });
  vt.push(performance.now() - t0);
  if (!res.ok) throw new Error('bench ballot does not verify');
}
const stats = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return `median ${s[s.length >> 1].toFixed(1)} ms, min ${s[0].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};
console.log(`node ${process.version}: 5-subject ballot (15 ciphertexts, 20 range proofs)`);
console.log(`  encrypt+prove: ${stats(times)} over ${N} runs`);
console.log(`  verify:        ${stats(vt)} over ${vt.length} runs`);
