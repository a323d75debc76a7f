// A pool of board-verification workers: `runChunk` for verifyBoard / decryptBoard, spreading the chunks over
// navigator.hardwareConcurrency workers (in node, over worker_threads via a factory the tests give).
//
//   const pool = workerPool(() => new Worker(new URL('committee-worker.js', import.meta.url), { type: 'module' }));
//   await decryptBoard(identity, state, input, { announced, runChunk: pool.runChunk, onProgress });
//   pool.close();

/**
 * @param {() => {postMessage: (m: any) => void, terminate: () => any,
 *                 addEventListener?: Function, on?: Function}} makeWorker
 * @param {number} [size] default navigator.hardwareConcurrency (at least 1)
 */
export function workerPool(makeWorker, size) {
  const n = Math.max(1, size ?? globalThis.navigator?.hardwareConcurrency ?? 2);
  /** @type {{w: any, busy: boolean}[]} */
  const workers = [];
  /** @type {Map<number, {resolve: Function, reject: Function, slot: any}>} */
  const pending = new Map();
  /** @type {{task: any, resolve: Function, reject: Function}[]} */
  const queue = [];
  let next = 1;
  let closed = false;

  const dispatch = () => {
    for (const slot of workers) {
      if (slot.busy || queue.length === 0) continue;
      const job = /** @type {any} */ (queue.shift());
      const id = next++;
      slot.busy = true;
      pending.set(id, { resolve: job.resolve, reject: job.reject, slot });
      slot.w.postMessage({ id, task: job.task });
    }
  };
  const onMessage = (/** @type {any} */ data) => {
    const p = pending.get(data.id);
    if (!p) return;
    pending.delete(data.id);
    p.slot.busy = false;
    if (data.error) p.reject(new Error(data.error));
    else p.resolve(data.result);
    dispatch();
  };
  const onError = (/** @type {any} */ slot, /** @type {any} */ err) => {
    for (const [id, p] of pending) {
      if (p.slot === slot) {
        pending.delete(id);
        p.reject(err instanceof Error ? err : new Error(String(err?.message ?? err)));
      }
    }
    slot.busy = false;
  };
  for (let i = 0; i < n; i++) {
    const w = makeWorker();
    const slot = { w, busy: false };
    if (typeof w.on === 'function') { // node worker_threads
      w.on('message', onMessage);
      w.on('error', (/** @type {any} */ e) => onError(slot, e));
    } else {
      w.addEventListener('message', (/** @type {MessageEvent} */ ev) => onMessage(ev.data));
      w.addEventListener('error', (/** @type {any} */ e) => onError(slot, e));
    }
    workers.push(slot);
  }
  return {
    size: n,
    /** @param {import('./board.js').ChunkTask} task @returns {Promise<import('./board.js').ChunkResult>} */
    runChunk(task) {
      if (closed) return Promise.reject(new Error('the worker pool is closed'));
      return new Promise((resolve, reject) => {
        queue.push({ task, resolve, reject });
        dispatch();
      });
    },
    close() {
      closed = true;
      for (const { w } of workers) w.terminate();
      for (const p of pending.values()) p.reject(new Error('the worker pool is closed'));
      pending.clear();
    },
  };
}
