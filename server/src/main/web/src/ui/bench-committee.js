// Benchmark page (not part of the voting flow): verifies a synthetic but valid board (made by `cvote bench` in Java,
// served as /committee-board.json) with the committee page's own library and worker pool — verifyBoard over
// navigator.hardwareConcurrency workers of /js/committee-worker.js, tokens' RSASSA-PSS signatures included — shows
// the progress bar and posts the elapsed time to /result (progress to /progress), where `cvote bench` reads it.
import { verifyBoard, workerPool } from '../committee/index.js';

const out = /** @type {HTMLOutputElement} */ (document.getElementById('result'));
const bar = /** @type {HTMLProgressElement} */ (document.getElementById('verify-progress'));
const text = /** @type {HTMLElement} */ (document.getElementById('verify-text'));
const post = (path, body) => fetch(path, { method: 'POST', body: JSON.stringify(body) });

async function main() {
  const input = await (await fetch('/committee-board.json')).json();
  const pool = workerPool(() => new Worker('/js/committee-worker.js', { type: 'module' }));
  let reported = 0;
  const t0 = performance.now(); // after the download: the committee page times the same from tally-input in hand
  let r;
  try {
    r = await verifyBoard(input, {
      runChunk: pool.runChunk,
      onProgress: (done, total) => {
        bar.max = Math.max(1, total);
        bar.value = done;
        const s = (performance.now() - t0) / 1000;
        text.textContent = `${done}/${total}`;
        if (done - reported >= total / 10 || done === total) {
          reported = done;
          post('/progress', `${done}/${total} ballots verified in the browser, ${s.toFixed(1)} s`);
        }
      },
    });
  } finally {
    pool.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const result = { ok: r.ok, seconds, workers: pool.size, ballots: input.board.length, subjects: input.subjects,
    problems: r.problems.slice(0, 3), userAgent: navigator.userAgent };
  out.textContent = JSON.stringify(result);
  await post('/result', result);
}

main().catch((e) => {
  out.textContent = JSON.stringify({ error: String(e) });
  post('/result', { error: String(e) });
});
