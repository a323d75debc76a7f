// Shared helpers of the pages: DOM, JSON API calls with the server's {error, message, field}.
import { t } from './i18n.js';

/** @param {string} id */
export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Shows exactly one of the given sections. */
export function show(ids, visible) {
  for (const id of ids) $(id).hidden = id !== visible;
}

/**
 * Creates an element with attributes and children (strings become text nodes: never innerHTML).
 * @param {string} tag @param {Record<string, any>} [attrs] @param {...(Node|string|null|undefined)} kids
 */
export function h(tag, attrs = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of kids) if (c !== null && c !== undefined) el.append(c);
  return el;
}

/** Codes whose server message carries the detail a user needs (which line, which state). */
const DETAILED = new Set(['invalid', 'wrong_state', 'no_quorum']);

/** An error from the API (status ≥ 400) or the network (status 0). */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** A message for the user: the dictionary's text for the code, else the server's own words. */
  describe() {
    if (this.status === 0) return t('common.network');
    const known = t('err.' + this.code);
    const where = this.field ? ` — ${t('common.field')}: ${this.field}` : '';
    // our own words in the page's language; the server's detail where only it can say what is wrong
    if (known !== 'err.' + this.code) return known + (DETAILED.has(this.code) && this.message ? ` (${this.message})${where}` : '');
    return (this.message || t('common.error')) + (this.field ? ` — ${t('common.field')}: ${this.field}` : '');
  }
}

/**
 * fetch + JSON. body: object (sent as JSON), string (sent with contentType), or undefined.
 * @returns {Promise<any>}
 */
export async function api(method, path, { body, contentType, token, raw, headers: extra } = {}) {
  const headers = { ...(extra || {}) };
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string') {
      payload = body;
      headers['Content-Type'] = contentType || 'text/plain; charset=utf-8';
    } else {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
  }
  if (token) headers.Authorization = 'Bearer ' + token;
  let res;
  try {
    res = await fetch(path, { method, headers, body: payload, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new ApiError(0, 'network', String(e && e.message), null);
  }
  if (!res.ok) {
    let j = {};
    try { j = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(res.status, j.error || 'http_' + res.status, j.message || res.statusText, j.field || null);
  }
  if (raw) return res;
  const type = res.headers.get('content-type') || '';
  return type.includes('json') ? res.json() : res.text();
}

/**
 * Saves a fetched file (a Response) through a Blob URL: a plain link cannot carry the session or the receipt.
 * Returns the Blob (the tests read its size and first bytes from the button's data attributes).
 */
export async function saveResponse(res, filename, button) {
  const blob = await res.blob();
  if (button) {
    const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
    button.dataset.bytes = String(blob.size);
    button.dataset.magic = String.fromCharCode(...head);
  }
  const a = h('a', { href: URL.createObjectURL(blob), download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  return blob;
}

/** The voter's proof of taking part (server ReceiptProof): k.B_k.T_k.signature of a saved receipt, or null. */
export function receiptProof(r) {
  return r && r.signature ? `${r.index}.${r.ballotHash}.${r.chain}.${r.signature}` : null;
}

/** A download link for a JSON value (a Blob URL: nothing inline). */
export function downloadLink(label, filename, value, id) {
  const blob = new Blob([JSON.stringify(value, null, 2) + '\n'], { type: 'application/json' });
  return h('a', { class: 'button secondary', href: URL.createObjectURL(blob), download: filename, id }, label);
}

/** Groups hex in blocks of 4 for reading aloud. */
export function groupHex(hex, n = hex.length) {
  return hex.slice(0, n).match(/.{1,4}/g).join(' ');
}

/**
 * The closing statement's figures, to be read aloud and projected in the hall (docs/protocol.md §9.5):
 * the ballots collected N and the head fingerprint (T_N's first 16 hex digits, grouped like the poll fingerprint).
 * Members confirm both before decrypting. Returns null before the close.
 * @param {{count:number, head:string}|null|undefined} closing
 */
export function closingFigures(closing) {
  if (!closing) return null;
  return h('span', { class: 'closing' },
    t('closing.ballots') + ': ', h('strong', { id: 'closing-count' }, String(closing.count)), ' · ',
    t('closing.head') + ': ', h('code', { class: 'fingerprint', id: 'closing-head' }, groupHex(closing.head, 16).toUpperCase()));
}

/** Shows a message box (kind: error | ok | info) in the element with that id. */
export function message(id, kind, text, retry) {
  const box = $(id);
  box.replaceChildren();
  if (!text) { box.hidden = true; return; }
  box.hidden = false;
  box.className = 'msg ' + kind;
  box.append(h('span', { class: 'msg-text', text }));
  if (retry) box.append(' ', h('button', { type: 'button', class: 'button small', onclick: retry, 'data-role': 'retry' }, t('common.retry')));
}
