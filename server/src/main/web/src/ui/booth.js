// The voter's booth: access code → token (blinded here, state saved first) → ballot form →
// encrypt + prove here → cast or challenge → tracking code and signed receipt.
import * as cv from '../protocol/index.js';
import { setup, t } from './i18n.js';
import { $, h, api, ApiError, show, message, downloadLink, groupHex, saveResponse, receiptProof, closingFigures } from './common.js';
import { normaliseCode, codeProblem } from './accesscode.js';
import { showCriteria, dossierLink } from './booth-dossier.js';
import { boothStore, kioskRequested } from './booth-store.js';

const SECTIONS = ['s-load', 's-code', 's-form', 's-review', 's-done'];
const pollId = (() => {
  const q = new URLSearchParams(location.search).get('poll');
  if (q) return q;
  const m = location.pathname.match(/^\/(?:booth|vote)\/([^/]+)/);
  return m ? decodeURIComponent(m[1]) : null;
})();
// ?kiosk=1 on a shared device: nothing is written to it (booth-store.js)
const store = boothStore(pollId, { kiosk: kioskRequested(location.search), storage: window.localStorage });

/** @type {any} */ let poll = null;
/** @type {Uint8Array} */ let Q;
/** @type {any} */ let eb = null; // the current (not yet cast) encryption
/** @type {(string|null)[]} */ let choices = [];

/** For the tests and the curious: figures of the last encryption. */
const perf = /** @type {any} */ (window).cvoteBooth = {
  encryptMs: [], subjects: 0,
  /** The encrypted ballot on screen (what a cast sends; public once cast), or null. */
  ballot: () => (eb && !eb.spoiled ? eb.ballot : null),
};

function fail(err, retry) {
  $('s-load').hidden = true;
  const text = err instanceof ApiError ? err.describe() : (err && err.message) || String(err);
  message('msg', 'error', text, retry);
  if (err instanceof ApiError) $('msg').dataset.error = err.code; else delete $('msg').dataset.error;
}

function clearMsg() { message('msg', 'error', ''); }

async function load() {
  clearMsg();
  if (!pollId) { show(SECTIONS, 's-load'); fail(new Error(t('booth.noPoll'))); return; }
  show(SECTIONS, 's-load');
  try {
    poll = await api('GET', `/api/polls/${encodeURIComponent(pollId)}`);
  } catch (e) { fail(e, load); return; }
  renderPoll();
  if (!poll.context || !poll.tokenKey) { fail(new Error(t('booth.notOpen') + ' ' + t('status.' + poll.status)), load); return; }
  const ctx = poll.context;
  try {
    Q = cv.contextHash({ manifest: poll.manifest, n: ctx.n, t: ctx.t, commitments: ctx.commitments, jointKey: ctx.jointKey,
      tokenSpki: poll.tokenKey.spki, signingKey: poll.signingKey.ed25519 });
  } catch (e) { fail(e); return; }
  const Qhex = cv.bytesToHex(Q);
  $('fingerprint').textContent = groupHex(Qhex, 16).toUpperCase();
  if (Qhex !== ctx.Q || !cv.jointKeyMatches(ctx.commitments, ctx.jointKey)) {
    $('fingerprint').classList.add('bad');
    fail(new Error(t('booth.fingerprintBad')));
    return;
  }
  $('key-fingerprint').textContent = cv.keyFingerprint(ctx.jointKey); // the K the members' tools show (§8.9)
  const receipt = store.get('receipt');
  if (receipt) { showDone(receipt); return; }
  if (poll.status !== 'OPEN') { fail(new Error(t('booth.notOpen') + ' (' + t('status.' + poll.status) + ')'), load); return; }
  if (store.get('token')) { showForm(); return; }
  const pending = store.get('pending');
  if (pending) { message('msg', 'info', t('booth.resuming')); await requestToken(pending); return; }
  showCode();
}

function renderPoll() {
  $('poll-title').textContent = poll.title;
  $('poll-place').textContent = poll.place;
  $('poll-date').textContent = poll.date;
  $('poll-status').textContent = t('status.' + poll.status);
  $('poll-status').dataset.status = poll.status;
  const closing = closingFigures(poll.closing);
  $('closing-label').hidden = $('closing').hidden = !closing;
  $('closing').replaceChildren(...(closing ? [closing] : []));
  $('poll-info').hidden = false;
  renderBallotHeading();
}

/**
 * The ballot's heading as Phụ lục 4 of plan 001 prints it: the organising body, then "của (voter group) đối với
 * (post) năm (year)" under the "Phiếu tín nhiệm" title. Presentation only: not part of the manifest, so not of Q.
 */
function renderBallotHeading() {
  const f = poll.form;
  const title = document.querySelector('#s-form h2');
  if (!f || !title || (!f.voterGroup && !f.post && !f.body)) return;
  const line = [f.voterGroup && `${t('booth.heading.of')} ${f.voterGroup}`, f.post && `${t('booth.heading.on')} ${f.post}`,
    `${t('booth.heading.year')} ${f.year}`].filter(Boolean).join(' ');
  const box = $('ballot-heading') || h('div', { id: 'ballot-heading', class: 'ballot-heading' });
  box.replaceChildren(...(f.body ? [h('p', { class: 'muted' }, f.body)] : []), h('p', {}, h('strong', {}, line)));
  if (!box.isConnected) title.after(box);
}

function showCode() {
  show(SECTIONS, 's-code');
  const frag = new URLSearchParams(location.hash.slice(1)).get('code');
  if (frag && !$('code').value) $('code').value = frag;
  // the QR link's access code leaves the address bar and this history entry (a shared browser's next user)
  if (frag) history.replaceState(null, '', location.pathname + location.search);
  $('code').focus();
}

async function submitCode(ev) {
  ev.preventDefault();
  clearMsg();
  const typed = $('code').value;
  const problem = codeProblem(typed);
  if (problem) { fail(new Error(t('booth.codeBad'))); $('msg').dataset.error = 'code_typo'; return; }
  const btn = /** @type {HTMLButtonElement} */ ($('code-submit'));
  btn.disabled = true;
  try {
    // The blinding state is saved BEFORE the request: a reload or a lost reply resumes with it.
    const state = await cv.blindToken(pollId, poll.tokenKey.spki);
    const pending = { state, accessCode: normaliseCode(typed) };
    store.set('pending', pending);
    await requestToken(pending);
  } catch (e) {
    fail(e);
  } finally {
    btn.disabled = false;
  }
}

async function requestToken(pending) {
  show(SECTIONS, 's-load');
  $('load-text').textContent = t('booth.gettingToken');
  let reply;
  try {
    cv.checkBlindingState(pending.state);
    reply = await api('POST', `/api/polls/${encodeURIComponent(pollId)}/tokens`,
      { body: { accessCode: pending.accessCode, blindedMsg: pending.state.blindedMsg } });
  } catch (e) {
    if (e instanceof ApiError && e.status === 0) { fail(e, () => requestToken(pending)); return; }
    if (e instanceof ApiError && e.status >= 500) { fail(e, () => requestToken(pending)); return; }
    // Refused (wrong or used code, not present, poll closed): nothing was signed, start over.
    store.del('pending');
    showCode();
    fail(e);
    return;
  }
  try {
    const token = await cv.finalizeToken(pending.state, reply.blindSig);
    store.set('token', token);
    store.del('pending');
    clearMsg();
    showForm();
  } catch (e) { fail(e); }
}

let warmed = false;

/**
 * While the voter reads the form, one throw-away encryption (all rows blank, a dummy token,
 * never shown or sent) builds the curve tables and compiles the code, so that the real one is
 * quick. It uses fresh randomness and is discarded.
 */
function warmUp() {
  if (warmed) return;
  warmed = true;
  setTimeout(() => {
    try {
      const t0 = performance.now();
      const dummy = { msg: cv.bytesToHex(cv.concatBytes(cv.randomBytes(32), cv.tokenMessage(pollId))), sig: cv.bytesToHex(cv.randomBytes(384)) };
      encryptFor({ pollId, Q, K: poll.context.jointKey, token: dummy, choices: poll.manifest.subjects.map(() => null) });
      perf.warmUpMs = performance.now() - t0;
    } catch { /* only a warm-up */ }
  }, 400);
}

function showForm() {
  show(SECTIONS, 's-form');
  warmUp();
  const subjects = poll.manifest.subjects;
  if (choices.length !== subjects.length) choices = subjects.map(() => null);
  const saved = store.get('choices');
  if (Array.isArray(saved) && saved.length === subjects.length && choices.every((c) => c === null)) choices = saved;
  const body = $('ballot-rows');
  body.replaceChildren();
  subjects.forEach((s, i) => {
    const cells = cv.LEVELS.map((lv) => h('td', { class: 'mark', 'data-label': t('choice.' + lv) },
      h('label', { class: 'radio' },
        h('input', { type: 'radio', name: `s${s.index}`, value: lv, checked: choices[i] === lv,
          'aria-label': `${s.name}: ${t('choice.' + lv)}`, onchange: () => { choices[i] = lv; store.set('choices', choices); } }),
        h('span', { class: 'radio-face' }))));
    const clear = h('button', { type: 'button', class: 'button small secondary', 'data-role': 'clear', onclick: () => {
      choices[i] = null; store.set('choices', choices);
      body.querySelectorAll(`input[name="s${s.index}"]`).forEach((r) => { /** @type {HTMLInputElement} */ (r).checked = false; });
    } }, t('booth.col.clear'));
    body.append(h('tr', { dataset: { subject: String(s.index) } },
      h('td', { class: 'stt', 'data-label': t('booth.col.stt') }, String(s.index)),
      h('td', { class: 'name', 'data-label': t('booth.col.name') }, s.name, ' ', dossierLink(pollId, s.index)),
      h('td', { 'data-label': t('booth.col.position') }, s.position),
      h('td', { 'data-label': t('booth.col.unit') }, s.unit),
      ...cells,
      h('td', { class: 'clear' }, clear)));
  });
  $('blank-confirm').hidden = true;
  showCriteria();
}

function submitForm(ev) {
  ev.preventDefault();
  clearMsg();
  const blanks = poll.manifest.subjects.filter((s, i) => choices[i] === null);
  if (blanks.length > 0) {
    const list = $('blank-list');
    list.replaceChildren(...blanks.map((s) => h('li', {}, `${s.index}. ${s.name}`)));
    $('blank-confirm').hidden = false;
    $('blank-ok').focus();
    return;
  }
  encryptNow();
}

async function encryptNow() {
  $('blank-confirm').hidden = true;
  show(SECTIONS, 's-load');
  $('load-text').textContent = t('booth.encrypting');
  $('progress').hidden = false;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); // let the progress indicator paint
  try {
    const token = store.get('token');
    const t0 = performance.now();
    eb = encryptFor({ pollId, Q, K: poll.context.jointKey, token, choices: choices.slice() },
      { subjects: poll.manifest.subjects.length });
    const ms = performance.now() - t0;
    perf.encryptMs.push(ms);
    perf.subjects = poll.manifest.subjects.length;
    $('timing').textContent = `${t('booth.timing')}: ${ms.toFixed(0)} ms`;
    showReview();
  } catch (e) {
    show(SECTIONS, 's-form');
    fail(e);
  } finally {
    $('progress').hidden = true;
  }
}

/** Ballot version 2 polls (docs/protocol.md §16: "ballotVersion": 2 and the base B in the manifest) get one
 * ciphertext per row; older polls keep the version 1 ballot. */
function isV2() {
  return poll.manifest.ballotVersion === 2;
}
/** @param {any} input @param {any} [opts] */
function encryptFor(input, opts) {
  return isV2() ? cv.encryptBallotV2({ ...input, B: poll.manifest.base }, opts) : cv.encryptBallot(input, opts);
}

function showReview() {
  show(SECTIONS, 's-review');
  const hex = cv.bytesToHex(eb.hash);
  $('ballot-hash').textContent = groupHex(hex);
  $('ballot-hash').dataset.hash = hex;
  $('ballot-fingerprint').textContent = cv.ballotFingerprint(eb.hash); // noted by the voter before cast or challenge
  $('review-choices').replaceChildren(...poll.manifest.subjects.map((s, i) =>
    h('li', {}, `${s.index}. ${s.name}: `, h('strong', {}, t('choice.' + (choices[i] ?? 'BLANK'))))));
}

function doChallenge() {
  clearMsg();
  const audit = isV2() ? cv.challengeV2(eb) : cv.challenge(eb);
  eb.spoiled = true;
  store.del('choices'); // the revealed choices stay on screen only; the next encryption uses those in memory
  perf.lastChallenge = audit; // revealed on purpose; the same JSON as the download
  const hex = cv.bytesToHex(eb.hash);
  // Q and K as this page recomputed them from the published poll, and the hash shown before the challenge
  const check = isV2() ? cv.checkChallengeV2(audit, { Q, K: poll.context.jointKey, B: poll.manifest.base, hash: hex })
    : cv.checkChallenge(audit, { Q, K: poll.context.jointKey, hash: hex });
  const fingerprint = cv.ballotFingerprint(eb.hash);
  const file = `challenged-ballot-${hex.slice(0, 12)}.json`;
  const command = `cvote-verify --challenged ${file} --poll ${location.origin}/api/polls/${encodeURIComponent(pollId)}`
    + ` --expect-hash ${fingerprint}`;
  const panel = $('audit');
  panel.hidden = false;
  const revealed = poll.manifest.subjects.map((s, i) => {
    const j = isV2() ? cv.branchValues(poll.manifest.base).indexOf(BigInt(audit.values[i])) - 1 : audit.choices[i].indexOf(1);
    return h('li', {}, `${s.index}. ${s.name}: `, h('strong', {}, t('choice.' + (j < 0 ? 'BLANK' : cv.LEVELS[j]))));
  });
  const item = h('div', { class: 'audit-item', dataset: { hash: hex } },
    h('p', {}, t('booth.ballotHash') + ': ', h('code', {}, groupHex(hex))),
    h('p', {}, t('booth.ballotFingerprint') + ': ', h('code', { 'data-role': 'audit-fingerprint' }, fingerprint)),
    h('p', { class: check.ok ? 'ok' : 'bad', 'data-role': 'audit-result' },
      check.ok ? t('booth.auditOk') : t(check.failures.includes('hash') ? 'booth.auditHashBad' : 'booth.auditBad')),
    h('ul', {}, ...revealed),
    downloadLink(t('booth.auditDownload'), file, audit, 'audit-download'),
    h('p', { class: 'muted small' }, t('booth.auditCommand') + ' ', h('code', { 'data-role': 'audit-command' }, command)),
    h('p', { class: 'muted' }, t('booth.auditFresh')));
  $('audit-list').prepend(item);
  if (!check.ok) { fail(new Error(t('booth.auditBad'))); return; }
  encryptNow();
}

async function doCast() {
  clearMsg();
  const btn = /** @type {HTMLButtonElement} */ ($('cast'));
  btn.disabled = true;
  $('load-text').textContent = t('booth.casting');
  try {
    const ballot = cv.ballotForCasting(eb);
    const receipt = await api('POST', `/api/polls/${encodeURIComponent(pollId)}/ballots`, { body: ballot });
    const check = cv.checkReceipt(receipt, { Q, signingKey: poll.signingKey.ed25519, ballotHash: eb.hash });
    const saved = { poll: pollId, Q: cv.bytesToHex(Q), signingKey: poll.signingKey.ed25519, ...receipt, checked: check };
    store.set('receipt', saved);
    store.del('token');
    store.del('choices');
    eb = null;
    choices = [];
    showDone(saved);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'token_spent' && eb && await recoverFromBoard()) return;
    const retry = e instanceof ApiError && (e.status === 0 || e.status >= 500) ? doCast : undefined;
    fail(e, retry);
  } finally {
    btn.disabled = false;
  }
}

/**
 * A retried cast whose first reply was lost finds its token spent: if this very ballot is on
 * the board, the vote counted; show its tracking code (the signed receipt is what was lost).
 */
async function recoverFromBoard() {
  try {
    const board = await api('GET', `/api/polls/${encodeURIComponent(pollId)}/board`);
    const hex = cv.bytesToHex(eb.hash);
    const line = board.ballots.find((l) => l.hash === hex);
    if (!line) return false;
    const saved = { poll: pollId, Q: cv.bytesToHex(Q), signingKey: poll.signingKey.ed25519, index: line.index,
      ballotHash: line.hash, trackingCode: cv.trackingCode(line.chain), chain: line.chain, signature: null, fromBoard: true };
    store.set('receipt', saved);
    store.del('token');
    store.del('choices');
    eb = null;
    showDone(saved);
    return true;
  } catch {
    return false;
  }
}

function showDone(r) {
  show(SECTIONS, 's-done');
  $('tracking-code').textContent = r.trackingCode;
  $('receipt-index').textContent = String(r.index);
  if (r.fromBoard) {
    $('receipt-check').textContent = t('booth.receiptFromBoard');
    $('receipt-check').className = 'ok';
  } else {
    const check = cv.checkReceipt(r, { Q: r.Q, signingKey: r.signingKey, ballotHash: r.ballotHash });
    $('receipt-check').textContent = check.ok ? t('booth.receiptOk') : `${t('booth.receiptBad')}: ${check.problems.join(', ')}`;
    $('receipt-check').className = check.ok ? 'ok' : 'bad';
  }
  const { checked, ...file } = r;
  const dl = downloadLink(t('booth.receiptDownload'), `receipt-${pollId}-${r.index}.json`, file, 'receipt-download');
  $('receipt-links').replaceChildren(dl, ' ',
    h('a', { class: 'button secondary', id: 'board-link', href: `/board.html?poll=${encodeURIComponent(pollId)}&code=${encodeURIComponent(r.trackingCode)}` }, t('booth.onBoard')));
  // the receipt stays on a personal device until the voter removes it; in kiosk mode it was never written
  $('receipt-links').append(' ', h('button', { type: 'button', class: 'button secondary', id: 'forget-device', onclick: () => {
    store.forget();
    $('forget-device').disabled = true;
    message('msg', 'ok', t('booth.forgotten'));
  } }, t('booth.forget')));
  if (store.kiosk) $('receipt-links').append(h('p', { class: 'muted', id: 'kiosk-note' }, t('booth.kioskNote')));
  if (poll && poll.status === 'PUBLISHED') {
    // a participants-only poll opens its record and results to this receipt's signature (never to what the board prints)
    const proof = receiptProof(r);
    $('receipt-links').append(' ',
      h('button', { type: 'button', class: 'button secondary', id: 'record-download', onclick: () => downloadRecord(proof) }, t('board.record')),
      ' ', h('button', { type: 'button', class: 'button secondary', id: 'results-show', onclick: () => showResults(proof) }, t('booth.results')));
  }
}

const proofHeaders = (proof) => (proof ? { 'X-Cvote-Receipt': proof } : {});

async function downloadRecord(proof) {
  clearMsg();
  try {
    const res = await api('GET', `/api/polls/${encodeURIComponent(pollId)}/record`, { raw: true, headers: proofHeaders(proof) });
    await saveResponse(res, `record-${pollId}.zip`, $('record-download'));
  } catch (e) { fail(e); }
}

/** The published results (Phụ lục 5 figures) in the booth, fetched with the receipt. */
async function showResults(proof) {
  clearMsg();
  let r;
  try {
    r = await api('GET', `/api/polls/${encodeURIComponent(pollId)}/results?lang=${document.documentElement.lang === 'en' ? 'en' : 'vi'}`,
      { headers: proofHeaders(proof) });
  } catch (e) { fail(e); return; }
  let box = document.getElementById('results-view');
  if (!box) {
    box = h('div', { id: 'results-view', class: 'scroll' });
    $('receipt-links').after(box);
  }
  box.replaceChildren(h('h3', {}, r.heading || t('booth.results')),
    h('table', { class: 'list', id: 'results-rows' },
      h('thead', {}, h('tr', {}, h('th', {}, t('booth.col.name')), h('th', {}, t('choice.HIGH')), h('th', {}, t('choice.MID')), h('th', {}, t('choice.LOW')))),
      h('tbody', {}, ...r.results.map((row) => h('tr', {}, h('td', {}, row.name),
        ...row.levels.map((l) => h('td', {}, `${l.count} (${l.percent}%)`)))))));
}

setup(() => {
  if (poll) renderPoll();
  if (poll && !$('s-form').hidden) showForm();
  if (poll && !$('s-review').hidden) showReview();
  const r = store.get('receipt');
  if (r && !$('s-done').hidden) showDone(r);
});
$('code-form').addEventListener('submit', submitCode);
$('ballot-form').addEventListener('submit', submitForm);
$('blank-ok').addEventListener('click', () => encryptNow());
$('blank-back').addEventListener('click', () => { $('blank-confirm').hidden = true; });
$('cast').addEventListener('click', doCast);
$('challenge').addEventListener('click', doChallenge);
$('edit').addEventListener('click', () => { eb = null; showForm(); });
load();
