// The board worker for node (worker_threads): the same protocol as src/committee/board-worker.js, for the tests and
// the benchmark (the browser bundle uses board-worker.js).
import { parentPort } from 'node:worker_threads';
import { verifyChunk } from '../src/committee/board.js';

parentPort.on('message', async ({ id, task }) => {
  try {
    parentPort.postMessage({ id, result: await verifyChunk(task) });
  } catch (e) {
    parentPort.postMessage({ id, error: `${e.name}: ${e.message}` });
  }
});
