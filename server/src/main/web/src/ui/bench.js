// Benchmark page (not part of the voting flow): times encrypt + prove of a 5-subject ballot in this
// browser and writes the figures as JSON into <output id="result">, where `cvote bench` reads them
// (headless Chromium --dump-dom). Fresh random K and Q: the cost does not depend on the poll.
import {
  G, randomScalar, randomBytes, bytesToHex, concatBytes, tokenMessage, encryptBallot,
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
  out.textContent = JSON.stringify({ subjects: 5, firstMs: first, medianMs: warm[warm.length >> 1], minMs: warm[0],
    maxMs: warm[warm.length - 1], runs: warm.length, userAgent: navigator.userAgent });
} catch (e) {
  out.textContent = JSON.stringify({ error: String(e) });
}
