// The served pages' SHA-256 (web-hashes.json, written by build.mjs; docs/protocol.md §10.6), shown in the console so
// the secretariat can read them out beside `bin/cvote web-hash` and the manifest of the poll's record.
import { extend, t } from './i18n.js';
import { $, h } from './common.js';

extend({
  vi: { 'console.webHashes': 'Mã băm các trang phục vụ (phòng bỏ phiếu, trang Ban kiểm phiếu)',
    'console.webHashesHelp': 'Giống hệt kết quả của lệnh bin/cvote web-hash trên mã nguồn đã công bố, và trường "web" trong manifest.json của biên bản.',
    'console.webHashesNone': 'Bản dựng này không có các trang web.' },
  en: { 'console.webHashes': 'Hashes of the served pages (booth, committee page)',
    'console.webHashesHelp': 'The same as `bin/cvote web-hash` prints for the published source, and as the "web" field of the record\'s manifest.json.',
    'console.webHashesNone': 'This build has no web pages.' },
});

export async function showWebHashes() {
  const box = $('web-hashes');
  if (!box) return;
  let files = {};
  try {
    const r = await fetch('/web-hashes.json', { cache: 'no-store', credentials: 'omit' });
    if (r.ok) files = (await r.json()).files ?? {};
  } catch { /* shown as none */ }
  const rows = Object.entries(files).map(([path, hex]) => h('tr', {}, h('td', {}, h('code', {}, path)),
    h('td', {}, h('code', { class: 'hash', dataset: { path } }, hex))));
  box.replaceChildren(h('h3', {}, t('console.webHashes')), h('p', { class: 'muted small' }, t('console.webHashesHelp')),
    rows.length ? h('table', { class: 'list' }, h('tbody', {}, ...rows)) : h('p', {}, t('console.webHashesNone')));
}
