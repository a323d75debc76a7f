// Benchmark page (not part of the voting flow): times encrypt + prove of a 5-subject ballot in this
// browser and writes the figures as JSON into <output id="result">, where `cvote bench` reads them
// (headless Chromium --dump-dom). Fresh random K and Q: the cost does not depend on the poll.
import {
  G, randomScalar, randomBytes, bytesToHex, concatBytes, tokenMessage, encryptBallot, encryptBallotV2,
} from '../protocol/index.js';

const out = document.getElementById('result');
try {
  const K = G.multiply(randomScalar());
  const Q = randomBytes(32);
  const token = { msg: bytesToHex(concatBytes(randomBytes(32), tokenMessage('bench'))), sig: bytesToHex(randomBytes(384)) };
  const input = { pollId: 'bench', Q, K, token, choices: ['HIGH', 'MID', 'LOW', null, 'HIGH'] };
  const time = () => { const t0 = performance.now(); encryptBallot(input); return performance.now() - t0; };
  const first = time(); // cold: JIT and base-point tables
  const warm = [];
  for (let i = 0; i < 9; i++) warm.push(time());
  warm.sort((a, b) => a - b);
  // ballot version 2 (docs/protocol.md §16), same choices, B of a 500-member body
  const timeV2 = () => { const t0 = performance.now(); encryptBallotV2({ ...input, B: 501 }); return performance.now() - t0; };
  const firstV2 = timeV2();
  const warmV2 = [];
  for (let i = 0; i < 9; i++) warmV2.push(timeV2());
  warmV2.sort((a, b) => a - b);
  out.textContent = JSON.stringify({ subjects: 5, firstMs: first, medianMs: warm[warm.length >> 1], minMs: warm[0],
    maxMs: warm[warm.length - 1], runs: warm.length, userAgent: navigator.userAgent,
    v2: { firstMs: firstV2, medianMs: warmV2[warmV2.length >> 1], minMs: warmV2[0], maxMs: warmV2[warmV2.length - 1] } });
} catch (e) {
  out.textContent = JSON.stringify({ error: String(e) });
}
