// Benchmark page (not part of the voting flow): times encrypt + prove of a ballot in this browser with the booth's
// own code. `cvote bench` drives it over the DevTools protocol: it loads /bench.html?cdp, sets the CPU throttling it
// wants and calls window.cvoteBench({ subjects, version, runs }) for each figure. Opened by hand (no ?cdp), the page
// times a 5-subject ballot of both versions and writes the figures as JSON into <output id="result">.
// Fresh random K and Q: the cost does not depend on the poll.
import {
  G, randomScalar, randomBytes, bytesToHex, concatBytes, tokenMessage, encryptBallot, encryptBallotV2,
} from '../protocol/index.js';

const LEVELS = ['HIGH', 'MID', 'LOW', null, 'HIGH']; // one blank row in five, as a real ballot may have

/**
 * Encrypt + prove of one ballot of `subjects` rows, ballot `version` 1 or 2 (docs/protocol.md §16, B of a
 * 500-member body): the first (cold) time and the median, min and max of `runs` warm ones, in ms.
 * @param {{ subjects?: number, version?: number, runs?: number, base?: number }} [opts]
 */
function measure({ subjects = 5, version = 1, runs = 9, base = 501 } = {}) {
  if (!Number.isInteger(subjects) || subjects < 1 || subjects > 500) throw new RangeError(`subjects: 1..500, got ${subjects}`);
  if (version !== 1 && version !== 2) throw new RangeError(`version: 1 or 2, got ${version}`);
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs: at least 1, got ${runs}`);
  const K = G.multiply(randomScalar());
  const Q = randomBytes(32);
  const token = { msg: bytesToHex(concatBytes(randomBytes(32), tokenMessage('bench'))), sig: bytesToHex(randomBytes(384)) };
  const choices = Array.from({ length: subjects }, (_, i) => LEVELS[i % LEVELS.length]);
  const input = { pollId: 'bench', Q, K, token, choices };
  const once = version === 2 ? () => encryptBallotV2({ ...input, B: base }) : () => encryptBallot(input);
  const time = () => { const t0 = performance.now(); once(); return performance.now() - t0; };
  const firstMs = time(); // cold: JIT and base-point tables
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(time());
  warm.sort((a, b) => a - b);
  return { subjects, version, firstMs, medianMs: warm[warm.length >> 1], minMs: warm[0], maxMs: warm[warm.length - 1],
    runs, userAgent: navigator.userAgent };
}

/** @param {{ subjects?: number, version?: number, runs?: number }} [opts] */
window.cvoteBench = async (opts) => measure(opts);

const out = document.getElementById('result');
if (new URLSearchParams(location.search).has('cdp')) {
  out.textContent = 'ready';
} else {
  try {
    const v1 = measure({ subjects: 5, version: 1 });
    const v2 = measure({ subjects: 5, version: 2 });
    out.textContent = JSON.stringify({ ...v1, v2 });
  } catch (e) {
    out.textContent = JSON.stringify({ error: String(e) });
  }
}
