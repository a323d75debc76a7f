// The Web Worker of the board verification (bundled as committee-worker.js): one chunk at a time.
//   postMessage({ id, task })  →  postMessage({ id, result }) or postMessage({ id, error })
import { verifyChunk } from './board.js';

self.onmessage = async (/** @type {MessageEvent} */ ev) => {
  const { id, task } = ev.data;
  try {
    self.postMessage({ id, result: await verifyChunk(task) });
  } catch (e) {
    self.postMessage({ id, error: `${/** @type {Error} */ (e).name}: ${/** @type {Error} */ (e).message}` });
  }
};
