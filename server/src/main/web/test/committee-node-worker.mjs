// Runs the browser's board worker (src/committee/board-worker.js) itself in a node worker_thread: `self` is mapped
// onto parentPort, so the tests and the benchmark exercise the very file the committee page loads.
import { parentPort } from 'node:worker_threads';

globalThis.self = /** @type {any} */ ({ postMessage: (m) => parentPort.postMessage(m), onmessage: null });
await import('../src/committee/board-worker.js');
parentPort.on('message', (data) => globalThis.self.onmessage({ data }));
