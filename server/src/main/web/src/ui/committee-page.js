// The committee member's page (/committee/{poll}#invite=CODE, the invitation slip's QR link): one passphrase, keys
// made here and sealed in IndexedDB as the v2 identity file (committee-identity.js, the CLI's format), the fingerprint
// to read aloud, join with the invitation, the key ceremony resumed from the sealed state after a reload, and after
// the close the closing statement's figures confirmed against the hall, the board verified in Web Workers and the
// partial decryption posted. The cryptography is the committee library's (../committee/).
import * as lib from '../committee/index.js';
import { verifiedWorkerUrl } from '../committee/worker-source.js';
import { sealIdentity, openIdentity, readPublic, deriveKey, fromHex, toHex, PAGE_KDF, IdentityFileError, importKdf } from './committee-identity.js';
import { setup, t, extend } from './i18n.js';
import { $, h, api, ApiError, show, message, groupHex } from './common.js';
import { normaliseCode, codeProblem } from './accesscode.js';
import { keyFingerprint } from '../protocol/context.js';

extend({
  vi: {
    'cm.title': 'Ban kiểm phiếu', 'cm.noPoll': 'Thiếu mã hội nghị trong đường dẫn (ví dụ /committee/p-…).',
    'cm.new': 'Tạo khoá của bạn',
    'cm.newHelp': 'Khoá được tạo ngay trong trình duyệt này và được khoá bằng một mật khẩu do bạn chọn. Máy chủ không bao giờ nhận được mật khẩu hay khoá bí mật.',
    'cm.name': 'Họ và tên', 'cm.pass': 'Mật khẩu', 'cm.pass2': 'Nhập lại mật khẩu',
    'cm.passHelp': 'Ít nhất 8 ký tự. Hãy nhớ mật khẩu: không ai khôi phục được nó.',
    'cm.create': 'Tạo khoá', 'cm.orImport': 'Hoặc nhập tệp khoá (bản sao lưu, hoặc tệp xuất từ công cụ dòng lệnh)',
    'cm.importFile': 'Tệp khoá (.json)', 'cm.import': 'Nhập tệp khoá',
    'cm.unlock': 'Mở khoá', 'cm.unlockButton': 'Mở khoá', 'cm.forget': 'Dùng khoá khác trên thiết bị này',
    'cm.forgetConfirm': 'Xoá khoá đã lưu trên thiết bị này? Chỉ làm vậy nếu bạn đã có bản sao lưu.',
    'cm.deriving': 'Đang tính khoá từ mật khẩu (Argon2id)…',
    'cm.passMismatch': 'Hai mật khẩu không giống nhau.', 'cm.passShort': 'Mật khẩu cần ít nhất 8 ký tự.',
    'cm.wrongPass': 'Sai mật khẩu, hoặc tệp đã bị sửa.', 'cm.badFile': 'Đây không phải tệp khoá của Ban kiểm phiếu',
    'cm.fpLabel': 'Dấu vân tay khoá của bạn — đọc to để Văn phòng phê duyệt:',
    'cm.backup': 'Tải bản sao lưu khoá',
    'cm.backupHelp': 'Tệp được khoá bằng mật khẩu của bạn. Công cụ dòng lệnh nhập được nó (cvote-committee import), và trang này cũng vậy.',
    'cm.join': 'Đăng ký vào Ban kiểm phiếu', 'cm.invite': 'Mã mời (trên phiếu mời)', 'cm.joinButton': 'Đăng ký',
    'cm.inviteBad': 'Mã mời gõ sai (thiếu ký tự hoặc sai một ký tự). Kiểm tra lại.',
    'cm.joined': 'Đã đăng ký. Đọc to dấu vân tay ở trên; Văn phòng đánh dấu đúng dấu vân tay này rồi bắt đầu lễ tạo khoá.',
    'cm.ceremony': 'Lễ tạo khoá',
    'cm.phase.REGISTRATION': 'Chờ Văn phòng phê duyệt danh sách', 'cm.phase.COMMIT': 'Cam kết', 'cm.phase.REVEAL': 'Công bố cam kết và bằng chứng',
    'cm.phase.SHARES': 'Gửi và kiểm tra các phần khoá', 'cm.phase.CONFIRM': 'Xác nhận biên bản', 'cm.phase.DONE': 'Hoàn tất',
    'cm.phase.FAILED': 'Thất bại — chờ Văn phòng bắt đầu lại',
    'cm.listTitle': 'Danh sách thành viên đã phê duyệt', 'cm.fp': 'Dấu vân tay', 'cm.you': '(bạn)',
    'cm.listQuestion': 'Danh sách này (số người, t, tên, dấu vân tay, thứ tự) có khớp danh sách công bố tại hội nghị không?',
    'cm.yesMatch': 'Có, khớp', 'cm.noMatch': 'Không khớp',
    'cm.listRefused': 'Bạn không xác nhận danh sách: không gửi gì. Báo ngay cho Văn phòng và hội nghị.',
    'cm.keyFp': 'Dấu vân tay khoá bầu cử — đọc to và so với màn chiếu của Văn phòng; phải giống hệt:',
    'cm.done': 'Lễ tạo khoá đã hoàn tất. Phần khoá bí mật của bạn được lưu (đã khoá) trên thiết bị này. Chờ kết thúc bỏ phiếu để giải mã.',
    'cm.waitClose': 'Chờ kết thúc bỏ phiếu…',
    'cm.decrypt': 'Giải mã kết quả',
    'cm.countQuestion': 'Số phiếu đã thu có khớp số công bố tại hội nghị không?',
    'cm.headQuestion': 'Dấu vân tay bảng tin có khớp dấu vân tay trên bảng tin công khai không?',
    'cm.figureRefused': 'Bạn không xác nhận con số này: không giải mã, không gửi gì. Báo ngay cho hội nghị.',
    'cm.verifying': 'Đang kiểm tra toàn bộ bảng tin (mọi phiếu, mọi bằng chứng)…',
    'cm.boardRefused': 'TỪ CHỐI bảng tin này; không giải mã, không gửi gì',
    'cm.decrypted': 'Đã gửi phần giải mã của bạn cho tổng số phiếu (không phiếu nào được giải mã riêng).',
  },
  en: {
    'cm.title': 'Counting committee', 'cm.noPoll': 'The poll id is missing from the address (e.g. /committee/p-…).',
    'cm.new': 'Make your keys',
    'cm.newHelp': 'Your keys are made in this browser and locked with a passphrase you choose. The server never receives the passphrase or a secret key.',
    'cm.name': 'Full name', 'cm.pass': 'Passphrase', 'cm.pass2': 'Passphrase again',
    'cm.passHelp': 'At least 8 characters. Remember it: nobody can recover it.',
    'cm.create': 'Make keys', 'cm.orImport': 'Or import a key file (a backup, or a file exported by the command-line tool)',
    'cm.importFile': 'Key file (.json)', 'cm.import': 'Import key file',
    'cm.unlock': 'Unlock', 'cm.unlockButton': 'Unlock', 'cm.forget': 'Use other keys on this device',
    'cm.forgetConfirm': 'Delete the keys stored on this device? Only do this if you have a backup.',
    'cm.deriving': 'Deriving the key from the passphrase (Argon2id)…',
    'cm.passMismatch': 'The two passphrases differ.', 'cm.passShort': 'The passphrase needs at least 8 characters.',
    'cm.wrongPass': 'Wrong passphrase, or the file was altered.', 'cm.badFile': 'Not a counting committee key file',
    'cm.fpLabel': 'Your key fingerprint — read it aloud for the secretariat to approve:',
    'cm.backup': 'Download a backup of your keys',
    'cm.backupHelp': 'The file is locked with your passphrase. The command-line tool imports it (cvote-committee import), and so does this page.',
    'cm.join': 'Join the counting committee', 'cm.invite': 'Invitation code (on your slip)', 'cm.joinButton': 'Join',
    'cm.inviteBad': 'The invitation code is mistyped (a character missing or wrong). Check it.',
    'cm.joined': 'Joined. Read the fingerprint above aloud; the secretariat ticks this fingerprint and starts the key ceremony.',
    'cm.ceremony': 'Key ceremony',
    'cm.phase.REGISTRATION': 'Waiting for the secretariat to approve the list', 'cm.phase.COMMIT': 'Commit', 'cm.phase.REVEAL': 'Reveal commitments and proofs',
    'cm.phase.SHARES': 'Send and check the key shares', 'cm.phase.CONFIRM': 'Confirm the transcript', 'cm.phase.DONE': 'Done',
    'cm.phase.FAILED': 'Failed — waiting for the secretariat to restart',
    'cm.listTitle': 'The approved member list', 'cm.fp': 'Fingerprint', 'cm.you': '(you)',
    'cm.listQuestion': 'Does this list (number, t, names, fingerprints, order) match the one announced in the hall?',
    'cm.yesMatch': 'Yes, it matches', 'cm.noMatch': 'No match',
    'cm.listRefused': 'You did not confirm the list: nothing was posted. Tell the secretariat and the meeting at once.',
    'cm.keyFp': 'Election key fingerprint — read it aloud and compare it with the secretariat\'s screen; it must be identical:',
    'cm.done': 'The key ceremony is complete. Your secret share is stored (locked) on this device. Wait for the end of voting to decrypt.',
    'cm.waitClose': 'Waiting for the end of voting…',
    'cm.decrypt': 'Decrypt the totals',
    'cm.countQuestion': 'Does the number of ballots collected match the one announced in the hall?',
    'cm.headQuestion': 'Does the head fingerprint match the one on the public board?',
    'cm.figureRefused': 'You did not confirm this figure: nothing decrypted, nothing posted. Tell the meeting at once.',
    'cm.verifying': 'Verifying the whole board (every ballot, every proof)…',
    'cm.boardRefused': 'This board is REFUSED; nothing decrypted, nothing posted',
    'cm.decrypted': 'Your partial decryption of the totals was posted (no single ballot was decrypted).',
  },
});

const SECTIONS = ['s-load', 's-new', 's-unlock'];
const PHASES = ['REGISTRATION', 'COMMIT', 'REVEAL', 'SHARES', 'CONFIRM', 'DONE'];
const pollId = (() => {
  const q = new URLSearchParams(location.search).get('poll');
  if (q) return q;
  const m = location.pathname.match(/^\/committee\/([^/]+)/);
  return m ? decodeURIComponent(m[1]) : null;
})();
// the invitation code rides in the fragment (never sent to the server); it is dropped from the address once read
const invite = (() => {
  const m = location.hash.match(/invite=([A-Za-z0-9-]+)/);
  if (m) history.replaceState(null, '', location.pathname + location.search);
  return m ? m[1] : null;
})();
const pollPath = () => `/api/polls/${encodeURIComponent(pollId)}`;

/** @type {any} the sealed v2 file as stored */ let file = null;
/** @type {any} the opened identity (raw keys, polls, the derived key for re-sealing) */ let me = null;
/** @type {any} the committee library's identity (hex) */ let identity = null;
/** @type {any} */ let poll = null;

// For the tests and the curious: where the page is.
const probe = /** @type {any} */ (window).cvoteCommittee = { phase: null, stage: 'load', fingerprint: null, file: () => file };

// ---- IndexedDB: one record, the sealed file (nothing in clear) ----
const DB = 'cvote-committee';
function idb(mode, fn) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('files');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('files', mode);
      const req = fn(tx.objectStore('files'));
      tx.oncomplete = () => { open.result.close(); resolve(req.result); };
      tx.onerror = () => { open.result.close(); reject(tx.error); };
    };
  });
}
const loadFile = () => idb('readonly', (s) => s.get('identity'));
const storeFile = (f) => idb('readwrite', (s) => s.put(f, 'identity'));
const dropFile = () => idb('readwrite', (s) => s.delete('identity'));

// ---- messages ----
function fail(err, retry) {
  const text = err instanceof ApiError ? err.describe() : (err && err.message) || String(err);
  message('msg', 'error', text, retry);
  const box = $('msg');
  if (err instanceof ApiError) box.dataset.error = err.code;
  else if (err && err.code) box.dataset.error = err.code;
  else delete box.dataset.error;
  if (err instanceof lib.BoardRejected) box.dataset.fields = err.problems.map((p) => p.field).join(',');
}
const clearMsg = () => message('msg', 'error', '');

function kdfProgress(p) {
  const bar = /** @type {HTMLProgressElement} */ ($('kdf-progress'));
  bar.hidden = false;
  bar.value = p;
}

/** Runs a slow passphrase step with the loading section shown, then hides it. */
async function busy(text, fn) {
  show(SECTIONS, 's-load');
  $('load-text').textContent = text;
  try {
    return await fn();
  } finally {
    $('kdf-progress').hidden = true;
  }
}

// ---- identity ----
function entry() {
  let e = me.polls.find((p) => p.pollId === pollId);
  if (!e) {
    e = { pollId, server: location.origin, state: null, browser: null };
    me.polls.push(e);
  }
  return e;
}

/** Re-seals the whole file (same key and salt, fresh nonce) and stores it: after every change, before any post. */
async function save() {
  file = await sealIdentity(me, '', { kdf: me.kdf, key: me.key });
  await storeFile(file);
  refreshBackup();
}

function refreshBackup() {
  const a = /** @type {HTMLAnchorElement} */ ($('backup'));
  if (a.href.startsWith('blob:')) URL.revokeObjectURL(a.href);
  a.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2) + '\n'], { type: 'application/json' }));
  a.download = `cvote-committee-${me.fingerprint.slice(0, 9)}.json`;
}

async function opened(o) {
  me = o;
  identity = lib.identityFromSecrets({ name: o.name, hpkePrivateKey: o.x25519PrivateKey, signingPrivateKey: o.ed25519Seed });
  probe.fingerprint = identity.fingerprint;
  SECTIONS.forEach((id) => { $(id).hidden = true; });
  $('s-member').hidden = false;
  $('member-name').textContent = o.name;
  $('fingerprint').textContent = identity.fingerprint;
  refreshBackup();
  await afterUnlock();
}

async function create(ev) {
  ev.preventDefault();
  clearMsg();
  const name = /** @type {HTMLInputElement} */ ($('new-name')).value.trim().normalize('NFC');
  const pass = /** @type {HTMLInputElement} */ ($('new-pass')).value;
  if ([...pass].length < 8) { fail(new Error(t('cm.passShort'))); return; }
  if (pass !== /** @type {HTMLInputElement} */ ($('new-pass2')).value) { fail(new Error(t('cm.passMismatch'))); return; }
  try {
    await busy(t('cm.deriving'), async () => {
      const id = lib.generateIdentity(name);
      const kdf = { algorithm: 'argon2id', ...PAGE_KDF, salt: toHex(crypto.getRandomValues(new Uint8Array(16))) };
      const key = await deriveKey(pass, kdf, kdfProgress);
      const o = { name, x25519PrivateKey: fromHex(id.hpkePrivateKey), ed25519Seed: fromHex(id.signingPrivateKey), polls: [], kdf, key,
        fingerprint: id.fingerprint };
      file = await sealIdentity(o, pass, { kdf, key });
      await storeFile(file);
      me = o;
    });
    await opened(me);
  } catch (e) { show(SECTIONS, 's-new'); fail(e); }
}

async function importFile(ev) {
  ev.preventDefault();
  clearMsg();
  const input = /** @type {HTMLInputElement} */ ($('import-file'));
  const pass = /** @type {HTMLInputElement} */ ($('import-pass')).value;
  try {
    const text = await input.files[0].text();
    const o = await busy(t('cm.deriving'), () => openIdentity(text, pass, kdfProgress));
    file = JSON.parse(text);
    const kdf = importKdf(o.kdf); // a weak or a phone-slowing cost: re-sealed at the page's, fresh salt
    if (kdf) {
      o.kdf = kdf;
      o.key = await busy(t('cm.deriving'), () => deriveKey(pass, o.kdf, kdfProgress));
    }
    me = o;
    await save();
    await opened(o);
  } catch (e) {
    show(SECTIONS, 's-new');
    fail(e instanceof IdentityFileError ? new Error(e.reason === 'passphrase' ? t('cm.wrongPass') : `${t('cm.badFile')}: ${e.message}`) : e);
  }
}

async function unlock(ev) {
  ev.preventDefault();
  clearMsg();
  const pass = /** @type {HTMLInputElement} */ ($('unlock-pass')).value;
  try {
    const o = await busy(t('cm.deriving'), () => openIdentity(file, pass, kdfProgress));
    await opened(o);
  } catch (e) {
    show(SECTIONS, 's-unlock');
    fail(e instanceof IdentityFileError && e.reason === 'passphrase' ? new Error(t('cm.wrongPass')) : e);
  }
}

async function forget() {
  if (!confirm(t('cm.forgetConfirm'))) return;
  await dropFile();
  file = null;
  show(SECTIONS, 's-new');
}

// ---- join ----
async function afterUnlock() {
  let view = null;
  try {
    view = await api('GET', pollPath() + '/committee/ceremony');
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'no_ceremony')) { fail(e, afterUnlock); return; }
  }
  const mine = (list) => (list ?? []).some((r) => r.signingPublicKey === identity.signingPublicKey);
  const e = entry();
  if (view && (mine(view.registrations) || mine(view.members))) {
    if (!e.browser?.joined) { e.browser = { ...(e.browser ?? {}), joined: true }; await save(); }
  }
  if (!e.browser?.joined && !e.state) {
    $('join').hidden = false;
    if (invite) /** @type {HTMLInputElement} */ ($('invite')).value = normaliseCode(invite);
    probe.stage = 'join';
    return;
  }
  $('joined').hidden = false;
  ceremony();
}

async function join(ev) {
  ev.preventDefault();
  clearMsg();
  const typed = /** @type {HTMLInputElement} */ ($('invite')).value;
  if (codeProblem(typed)) { fail(new Error(t('cm.inviteBad'))); return; }
  const btn = /** @type {HTMLButtonElement} */ ($('join-submit'));
  btn.disabled = true;
  try {
    const r = lib.registration(pollId, identity, normaliseCode(typed));
    await api('POST', `${pollPath()}/${r.path}`, { body: r.body });
    const e = entry();
    e.browser = { ...(e.browser ?? {}), joined: true };
    await save();
    $('join').hidden = true;
    $('joined').hidden = false;
    ceremony();
  } catch (e) { fail(e); } finally { btn.disabled = false; }
}

// ---- ceremony ----
/** @type {{t: number, fingerprints: string[]}|null} */ let confirmedList = null;
let listAnswer = null;

function renderPhases(phase) {
  const at = PHASES.indexOf(phase);
  $('phases').replaceChildren(...PHASES.slice(1).map((p, i) => h('li', {
    class: i + 1 < at || phase === 'DONE' ? 'done' : i + 1 === at ? 'current' : 'todo', dataset: { phase: p } }, t('cm.phase.' + p))));
}

/** "Cam kết — 2/3": how many members have done the current step, in the page's language. */
function phaseStatus(v) {
  const n = v.n ?? 0;
  const senders = new Set((v.shares ?? []).map((x) => x.from)).size;
  const done = { COMMIT: (v.commits ?? []).length, REVEAL: (v.reveals ?? []).length, SHARES: senders,
    CONFIRM: (v.confirmations ?? []).length }[v.phase];
  if (v.phase === 'REGISTRATION') return `${t('cm.phase.REGISTRATION')} (${(v.registrations ?? []).length})`;
  return done === undefined ? t('cm.phase.' + v.phase) : `${t('cm.phase.' + v.phase)} — ${done}/${n}`;
}

function askList(c) {
  $('list-t').textContent = `n = ${c.n}, t = ${c.t}`;
  $('list-rows').replaceChildren(...c.members.map((m) => h('tr', { class: m.me ? 'me' : null },
    h('td', {}, String(m.index)), h('td', {}, m.name + (m.me ? ' ' + t('cm.you') : '')), h('td', {}, h('code', {}, m.fingerprint)))));
  $('list-confirm').hidden = false;
  probe.stage = 'confirm-list';
  return new Promise((resolve) => { listAnswer = resolve; });
}

function answerList(yes) {
  $('list-confirm').hidden = true;
  if (listAnswer) { const r = listAnswer; listAnswer = null; r(yes); }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let running = false;

async function ceremony() {
  if (running) return;
  running = true;
  $('s-ceremony').hidden = false;
  probe.stage = 'ceremony';
  try {
    for (;;) {
      let view;
      try {
        view = await api('GET', pollPath() + '/committee/ceremony');
      } catch (e) {
        if (e instanceof ApiError && (e.status === 0 || e.code === 'no_ceremony' || e.status >= 500)) { await sleep(1000); continue; }
        throw e;
      }
      probe.phase = view.phase;
      renderPhases(view.phase);
      const e = entry();
      const r = await lib.ceremonyStep(e.state, view, { identity, pollId, confirmedList: confirmedList ?? undefined });
      $('ceremony-status').textContent = phaseStatus(view);
      $('ceremony-status').title = r.progress.message; // the library's detail (English), for the curious
      if (r.confirm) {
        const served = lib.servedList(view);
        if (!(await askList(r.confirm))) {
          fail(Object.assign(new Error(t('cm.listRefused')), { code: 'member_list_refused' }));
          probe.stage = 'refused';
          return;
        }
        confirmedList = { ...served, ceremonyId: view.ceremonyId }; // bound to this attempt: a restart's new γ asks again
        probe.stage = 'ceremony';
        continue;
      }
      if (r.state && JSON.stringify(r.state) !== JSON.stringify(e.state)) {
        e.state = r.state;
        await save(); // sealed before anything is posted: a resend after a crash is the very same post
      }
      for (const p of r.posts) await api('POST', `${pollPath()}/${p.path}`, { body: p.body });
      if (r.progress.finished) break;
      if (r.posts.length === 0) await sleep(1000);
    }
    renderPhases('DONE');
    $('ceremony-done').hidden = false;
    $('ceremony-done').replaceChildren(t('cm.done'), h('p', {}, t('cm.keyFp') + ' ',
      h('code', { class: 'fingerprint fp-big', id: 'key-fingerprint' }, keyFingerprint(entry().state.jointKey))));
    probe.keyFingerprint = keyFingerprint(entry().state.jointKey);
    probe.stage = 'done';
    await awaitClose();
  } catch (e) {
    fail(e, () => { running = false; clearMsg(); ceremony(); });
    probe.stage = 'error';
  } finally {
    running = false;
  }
}

// ---- decryption ----
async function awaitClose() {
  for (;;) {
    poll = await api('GET', pollPath());
    if (['CLOSED', 'TALLIED', 'PUBLISHED'].includes(poll.status)) break;
    $('ceremony-status').textContent = t('cm.waitClose');
    await sleep(2000);
  }
  await decrypt();
}

function askFigure(yesId, noId) {
  return new Promise((resolve) => {
    const y = $(yesId);
    const n = $(noId);
    const done = (v) => { y.onclick = null; n.onclick = null; y.disabled = true; n.disabled = true; resolve(v); };
    y.disabled = false;
    n.disabled = false;
    y.onclick = () => done(true);
    n.onclick = () => done(false);
  });
}

async function decrypt() {
  $('s-decrypt').hidden = false;
  probe.stage = 'closing';
  const e = entry();
  const input = await api('GET', pollPath() + '/committee/tally-input');
  let cs;
  try {
    cs = lib.checkClosing(e.state, input);
  } catch (err) { refuse(err); return; }
  $('cs-count').textContent = String(cs.count);
  $('cs-head').textContent = cs.fingerprint;
  probe.stage = 'confirm-figures';
  const countOk = await askFigure('count-yes', 'count-no');
  const headOk = await askFigure('head-yes', 'head-no');
  const problems = [];
  if (!countOk) problems.push({ index: 0, field: 'ballots', message: `${t('cm.figureRefused')} (${cs.count})` });
  if (!headOk) problems.push({ index: 0, field: 'head', message: `${t('cm.figureRefused')} (${cs.fingerprint})` });
  if (problems.length > 0) { refuse(new lib.BoardRejected(problems)); return; }
  $('verify-text').hidden = false;
  $('verify-text').textContent = t('cm.verifying');
  const bar = /** @type {HTMLProgressElement} */ ($('verify-progress'));
  bar.hidden = false;
  probe.stage = 'verifying';
  let workerUrl;
  try {
    // __CVOTE_WORKER_SHA256__: replaced by build.mjs with the worker bundle's SHA-256 (browsers check no SRI for workers)
    workerUrl = await verifiedWorkerUrl('/js/committee-worker.js', __CVOTE_WORKER_SHA256__);
  } catch (err) { refuse(err); return; }
  const pool = lib.workerPool(() => new Worker(workerUrl, { type: 'module' }));
  let r;
  try {
    r = await lib.decryptBoard(identity, e.state, input, {
      announced: { ballots: cs.count, head: cs.fingerprint }, runChunk: pool.runChunk,
      onProgress: (done, total) => { bar.max = Math.max(1, total); bar.value = done; $('verify-text').textContent = `${t('cm.verifying')} ${done}/${total}`; },
    });
  } catch (err) { refuse(err); return; } finally { pool.close(); URL.revokeObjectURL(workerUrl); }
  e.state = r.state; // names the decrypted board: any other board of this poll is refused from now on
  await save();
  await api('POST', `${pollPath()}/${r.post.path}`, { body: r.post.body });
  $('decrypt-done').hidden = false;
  $('decrypt-done').textContent = t('cm.decrypted');
  probe.stage = 'decrypted';
}

function refuse(err) {
  if (err instanceof lib.BoardRejected) {
    fail(Object.assign(new lib.BoardRejected(err.problems), { message: `${t('cm.boardRefused')}: ${err.message}` }));
  } else {
    fail(err);
  }
  probe.stage = 'refused';
}

// ---- start ----
async function start() {
  setup(() => { if (me) renderPhases(probe.phase ?? 'REGISTRATION'); });
  $('new-form').addEventListener('submit', create);
  $('import-form').addEventListener('submit', importFile);
  $('unlock-form').addEventListener('submit', unlock);
  $('forget').addEventListener('click', forget);
  $('join-form').addEventListener('submit', join);
  $('list-yes').addEventListener('click', () => answerList(true));
  $('list-no').addEventListener('click', () => answerList(false));
  if (!pollId) { fail(new Error(t('cm.noPoll'))); return; }
  try {
    poll = await api('GET', pollPath());
    $('poll-title').textContent = `${poll.title ?? poll.manifest?.title ?? ''} — ${pollId}`;
  } catch (e) { fail(e, start); return; }
  file = await loadFile();
  let pub = null;
  try {
    pub = file ? readPublic(file) : null;
  } catch (e) { fail(new Error(`${t('cm.badFile')}: ${e.message}`)); file = null; } // a stored file altered in IndexedDB
  if (pub) {
    $('unlock-name').textContent = pub.name;
    $('unlock-fp').textContent = pub.fingerprint;
    show(SECTIONS, 's-unlock');
    probe.stage = 'unlock';
  } else {
    show(SECTIONS, 's-new');
    probe.stage = 'new';
  }
}

start();
