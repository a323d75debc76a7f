// The public bulletin board: poll status, ballot count, search by tracking code, record download.
import { trackingCode } from '../protocol/ballot.js';
import { setup, t } from './i18n.js';
import { $, h, api, ApiError, message, saveResponse, receiptProof, closingFigures } from './common.js';

const params = new URLSearchParams(location.search);
let pollId = params.get('poll');
/** @type {{index:number, hash:string, chain:string, code:string}[]} */ let lines = [];
let poll = null;
/** @type {{count:number, head:string}|null} */ let closing = null;

function fail(e, retry) { message('msg', 'error', e instanceof ApiError ? e.describe() : String(e.message || e), retry); }

async function load() {
  message('msg', 'error', '');
  if (!pollId) { $('board').hidden = true; return; }
  $('poll-id').value = pollId;
  try {
    poll = await api('GET', `/api/polls/${encodeURIComponent(pollId)}`);
    const board = await api('GET', `/api/polls/${encodeURIComponent(pollId)}/board`);
    lines = board.ballots.map((b) => ({ index: b.index, hash: b.hash, chain: b.chain, code: trackingCode(b.chain) }));
    closing = board.closing || null;
  } catch (e) { fail(e, load); return; }
  render();
  const code = params.get('code');
  if (code) { $('search').value = code; search(); }
}

function render() {
  if (!poll) return;
  $('board').hidden = false;
  $('poll-title').textContent = poll.title;
  $('poll-status').textContent = t('status.' + poll.status);
  $('poll-status').dataset.status = poll.status;
  $('count').textContent = String(lines.length);
  const figures = closingFigures(closing);
  $('closing-box').hidden = !figures;
  $('closing').replaceChildren(...(figures ? [figures] : []));
  const published = poll.status === 'PUBLISHED';
  $('record').replaceChildren(!published ? h('span', { class: 'muted' }, t('board.recordNotYet'))
    : poll.visibility !== 'PARTICIPANTS'
      ? h('a', { class: 'button', href: `/api/polls/${encodeURIComponent(pollId)}/record`, id: 'record-link' }, t('board.record'))
      : savedProof()
        ? h('button', { type: 'button', class: 'button', id: 'record-download', onclick: downloadWithReceipt }, t('board.record'))
        : h('span', { class: 'muted', id: 'record-members' }, t('board.recordMembers')));
  $('lines').replaceChildren(...lines.map((l) => h('tr', { dataset: { code: l.code } },
    h('td', {}, String(l.index)), h('td', {}, h('code', {}, l.code)), h('td', { class: 'hash' }, h('code', {}, l.hash)))));
}

/** The receipt the booth saved on this device for this poll, as the proof the record route accepts (or null). */
function savedProof() {
  try { return receiptProof(JSON.parse(localStorage.getItem(`cvote.${pollId}.receipt`) || 'null')); } catch { return null; }
}

/** A participants-only poll's record: fetched with the voter's receipt, since nothing on this board may open it. */
async function downloadWithReceipt() {
  try {
    const res = await api('GET', `/api/polls/${encodeURIComponent(pollId)}/record`, { raw: true, headers: { 'X-Cvote-Receipt': savedProof() } });
    await saveResponse(res, `record-${pollId}.zip`, $('record-download'));
  } catch (e) { fail(e); }
}

function norm(s) { return s.toUpperCase().replace(/[^A-Z2-7]/g, ''); }

function search(ev) {
  if (ev) ev.preventDefault();
  const want = norm($('search').value);
  const hit = want ? lines.find((l) => norm(l.code) === want) : null;
  $('lines').querySelectorAll('tr').forEach((tr) => tr.classList.toggle('hit', !!hit && tr.dataset.code === hit.code));
  const out = $('result');
  out.hidden = !want;
  out.className = hit ? 'msg ok' : 'msg error';
  out.dataset.found = hit ? 'true' : 'false';
  out.textContent = hit ? `${t('board.found')} ${hit.index} (${hit.code})` : t('board.notFound');
}

setup(() => { render(); if ($('search').value) search(); });
$('search-form').addEventListener('submit', search);
$('poll-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  pollId = /** @type {HTMLInputElement} */ ($('poll-id')).value.trim();
  history.replaceState(null, '', `?poll=${encodeURIComponent(pollId)}`);
  load();
});
load();
