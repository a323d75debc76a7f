// Benchmark (not a test): a committee member's verification of a closed board, as the committee page does it before
// decrypting (every B_k, the chain, token format, every range and row proof batched), over node worker_threads.
//   node bench-committee.mjs [ballots=500] [subjects=50] [workers=os.availableParallelism()] [chunk] [batch]
// (chunk and batch default to the library's: one batch of ~30,000 points per chunk)
// Token signatures are not checked here (a synthetic board has no token key); the CLI comparison is made elsewhere.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { G, randomScalar, randomBytes, bytesToHex, pointToHex } from './src/protocol/index.js';
import { verifyBoard, workerPool } from './src/committee/index.js';
import { syntheticBoard } from './test/committee-board-gen.mjs';

const [ballots = 500, subjects = 50, workers = availableParallelism(), chunk, batch] = process.argv.slice(2).map(Number);
const K = G.multiply(randomScalar());
const Q = randomBytes(32);
let t0 = performance.now();
const { board } = syntheticBoard({ pollId: 'bench', Q, K, ballots, subjects });
console.log(`synthetic board: ${ballots} ballots × ${subjects} subjects made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const pool = workerPool(() => new Worker(new URL('./test/committee-node-worker.mjs', import.meta.url)), workers);
let last = 0;
t0 = performance.now();
const res = await verifyBoard({ board, Q: bytesToHex(Q), K: pointToHex(K), pollId: 'bench', subjects }, {
  runChunk: pool.runChunk, chunk, batch,
  onProgress: (done, total) => {
    if (done - last >= total / 10 || done === total) {
      last = done;
      process.stdout.write(`  ${done}/${total} ballots, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    }
  },
});
const s = (performance.now() - t0) / 1000;
pool.close();
if (!res.ok) throw new Error(`the synthetic board does not verify: ${JSON.stringify(res.problems.slice(0, 3))}`);
console.log(`node ${process.version}, ${pool.size} workers: verified ${ballots} ballots × ${subjects} subjects in ${s.toFixed(1)} s`);
console.log(`  ${(ballots / s).toFixed(2)} ballots/s = ${((ballots * subjects) / 5 / s).toFixed(1)} 5-subject ballots/s`
  + ` (${(ballots * subjects * 4 / s).toFixed(0)} range/row proofs/s)`);
