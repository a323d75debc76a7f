// The console's "before the vote" panel (docs/dossier.md): the calendar (offsets, time zone, reopenings),
// each person's files and deadlines, the person's and the voters' portal links, open requests and overdue
// answers (the office can enter an answer), and the archive for the managing authority.
import { lang } from './i18n.js';
import { $, h, ApiError, message, saveResponse } from './common.js';

const D = {
  vi: {
    title: 'Trước ngày lấy phiếu: hồ sơ, yêu cầu làm rõ, giải trình', calendar: 'Lịch', zone: 'Múi giờ', save: 'Lưu lịch',
    reopen: 'Gia hạn', reason: 'Lý do', until: 'Đến hết ngày', person: 'Người được lấy phiếu', report: 'Báo cáo',
    declaration: 'Kê khai tài sản', received: 'đã nhận', missing: 'chưa có', late: 'nộp muộn', requests: 'Yêu cầu',
    open: 'chưa trả lời', answered: 'đã trả lời', overdue: 'quá hạn', deadlines: 'Thời hạn', link: 'Đường dẫn riêng',
    issue: 'Cấp đường dẫn', revoke: 'Thu hồi', upload: 'Tải lên PDF', slips: 'In phiếu đường dẫn (mã QR)', csv: 'Danh sách gửi e-mail (CSV)',
    openRequests: 'Yêu cầu chưa được trả lời', overdueAnswers: 'Trả lời quá hạn', answer: 'Nhập trả lời (do Văn phòng chuyển)',
    send: 'Gửi', archive: 'Tải hồ sơ lưu trữ (zip)', none: 'Không có.', met: 'đúng hạn', missed: 'trễ hạn', reopened: 'đã gia hạn',
    pending: 'chưa đến hạn', links: 'Đường dẫn của người ghi phiếu', issued: 'đã cấp',
    'dl.REPORT': 'Nộp báo cáo', 'dl.ANSWERS': 'Giải trình', print: 'In phiếu (Phụ lục 2)',
  },
  en: {
    title: 'Before the vote: dossiers, written requests, answers', calendar: 'Calendar', zone: 'Time zone', save: 'Save the calendar',
    reopen: 'Reopen', reason: 'Reason', until: 'Until the end of', person: 'Person rated', report: 'Self-report',
    declaration: 'Declaration', received: 'received', missing: 'missing', late: 'late', requests: 'Requests',
    open: 'open', answered: 'answered', overdue: 'overdue', deadlines: 'Deadlines', link: 'Personal link',
    issue: 'Issue a link', revoke: 'Revoke', upload: 'Upload PDF', slips: 'Print link slips (QR code)', csv: 'List for e-mail (CSV)',
    openRequests: 'Open requests', overdueAnswers: 'Overdue answers', answer: 'Enter the answer (through the office)',
    send: 'Send', archive: 'Download the archive (zip)', none: 'None.', met: 'met', missed: 'missed', reopened: 'reopened',
    pending: 'pending', links: 'Voters\' links', issued: 'issued',
    'dl.REPORT': 'Self-report', 'dl.ANSWERS': 'Answers', print: 'Print the form (Appendix 2)',
  },
};
const tt = (k) => D[lang][k] ?? D.vi[k] ?? k;
const STEPS = ['report', 'dossier', 'requests', 'answers', 'forward'];

let call = null;
let poll = null;
let view = null;

function fail(e) { message('msg', 'error', e instanceof ApiError ? e.describe() : String(e.message || e)); }
const base = () => `/admin/polls/${encodeURIComponent(poll)}`;

/** Shows the panel for poll {@code id}; {@code caller} is the console's authenticated API call. */
export async function showDossier(id, caller) {
  call = caller;
  poll = id;
  try {
    view = await call('GET', base() + '/dossier');
  } catch (e) { fail(e); return; }
  render();
}

function render() {
  const box = $('dossier-panel');
  if (!box || !view) return;
  box.hidden = false;
  const cal = view.calendar;
  const zone = h('input', { id: 'cal-zone', value: cal.timeZone });
  const inputs = STEPS.map((s) => h('input', { type: 'number', min: 0, max: 180, id: 'cal-' + s, class: 'narrow-input', value: cal.offsets[s] }));
  const reStep = h('select', { id: 're-step' }, ...cal.steps.map((s) => h('option', { value: s.step }, lang === 'vi' ? s.vi : s.en)));
  const reUntil = h('input', { type: 'date', id: 're-until' });
  const reReason = h('input', { id: 're-reason' });
  box.replaceChildren(h('h3', {}, tt('title')),
    h('h4', {}, tt('calendar')),
    h('table', { class: 'list', id: 'cal-steps' }, h('tbody', {}, ...cal.steps.map((s, i) => h('tr', { dataset: { step: s.step } },
      h('td', {}, lang === 'vi' ? s.vi : s.en), h('td', {}, 'D−', inputs[i]), h('td', { class: 'last-day' }, s.lastDayVi),
      h('td', {}, s.reopened ? `${tt('reopened')}: ${s.reopened.reason}` : ''))))),
    h('p', {}, h('label', { for: 'cal-zone' }, tt('zone') + ' '), zone, ' ',
      h('button', { type: 'button', class: 'button small', id: 'cal-save', onclick: async () => {
        const body = { timeZone: /** @type {HTMLInputElement} */ (zone).value };
        STEPS.forEach((s, i) => { body[s] = Number(/** @type {HTMLInputElement} */ (inputs[i]).value); });
        try { await call('PUT', base() + '/calendar', { body }); await showDossier(poll, call); } catch (e) { fail(e); }
      } }, tt('save'))),
    h('p', {}, reStep, ' ', h('label', { for: 're-until' }, tt('until') + ' '), reUntil, ' ', h('label', { for: 're-reason' }, tt('reason') + ' '),
      reReason, ' ', h('button', { type: 'button', class: 'button small secondary', id: 're-send', onclick: async () => {
        try {
          await call('POST', base() + '/calendar/reopen', { body: { step: /** @type {HTMLSelectElement} */ (reStep).value,
            until: /** @type {HTMLInputElement} */ (reUntil).value, reason: /** @type {HTMLInputElement} */ (reReason).value } });
          await showDossier(poll, call);
        } catch (e) { fail(e); }
      } }, tt('reopen'))),
    peopleTable(),
    h('h4', {}, tt('links')), h('p', {}, `${view.portalLinks} / ${view.voters} ${tt('issued')} `,
      h('button', { type: 'button', class: 'button small', id: 'links-html', onclick: () => links('html') }, tt('slips')), ' ',
      h('button', { type: 'button', class: 'button small secondary', id: 'links-csv', onclick: () => links('csv') }, tt('csv'))),
    requestList('openRequests', view.openRequests), requestList('overdueAnswers', view.overdueAnswers),
    h('p', {}, h('button', { type: 'button', class: 'button small secondary', id: 'dossier-archive', onclick: async (ev) => {
      try { await saveResponse(await call('GET', base() + '/dossier/archive.zip', { raw: true }), `dossier-${poll}.zip`, ev.currentTarget); } catch (e) { fail(e); }
    } }, tt('archive'))));
}

function fileCell(p, kind) {
  const f = p[kind];
  const input = h('input', { type: 'file', accept: 'application/pdf', class: 'dossier-file', dataset: { kind } });
  return h('td', { dataset: { kind, received: String(f.received) } },
    f.received ? tt('received') + (f.late ? ` (${tt('late')})` : '') : tt('missing'), h('br'), input,
    h('button', { type: 'button', class: 'button small secondary', dataset: { role: 'upload-' + kind }, onclick: async () => {
      const file = /** @type {HTMLInputElement} */ (input).files?.[0];
      if (!file) return;
      try {
        const res = await fetch(`${base()}/dossier/${encodeURIComponent(p.personId)}/files/${kind}`, { method: 'PUT', body: file,
          cache: 'no-store', credentials: 'omit', headers: { 'Content-Type': 'application/pdf', Authorization: 'Bearer ' + sessionStorage.getItem('cvote.console.session') } });
        if (!res.ok) { const j = await res.json().catch(() => ({})); throw new ApiError(res.status, j.error, j.message, j.field); }
        await showDossier(poll, call);
      } catch (e) { fail(e); }
    } }, tt('upload')));
}

function peopleTable() {
  return h('table', { class: 'list', id: 'dossier-people' },
    h('thead', {}, h('tr', {}, ...[tt('person'), tt('report'), tt('declaration'), tt('requests'), tt('deadlines'), tt('link')].map((x) => h('th', {}, x)))),
    h('tbody', {}, ...view.people.map((p) => {
      const url = h('code', { class: 'person-url' });
      return h('tr', { dataset: { person: p.personId } },
        h('td', {}, `${p.index}. ${p.name}`), fileCell(p, 'report'), fileCell(p, 'declaration'),
        h('td', { class: 'req-counts' }, `${p.requests.open} ${tt('open')}, ${p.requests.answered} ${tt('answered')}`
          + (p.requests.overdue ? `, ${p.requests.overdue} ${tt('overdue')}` : '')),
        h('td', {}, ...Object.entries(p.deadlines).map(([s, st]) => h('div', { dataset: { deadline: s, state: st } }, `${tt('dl.' + s)}: ${tt(st)}`))),
        h('td', {}, h('button', { type: 'button', class: 'button small secondary', dataset: { role: 'person-link' }, onclick: async () => {
          try { url.textContent = (await call('POST', `${base()}/dossier/${encodeURIComponent(p.personId)}/link`, { body: {} })).url; } catch (e) { fail(e); }
        } }, tt('issue')), ' ', h('button', { type: 'button', class: 'button small secondary', onclick: async () => {
          try { await call('DELETE', `${base()}/dossier/${encodeURIComponent(p.personId)}/link`); url.textContent = ''; } catch (e) { fail(e); }
        } }, tt('revoke')), h('br'), url));
    })));
}

function requestList(kind, list) {
  const name = (id) => view.people.find((p) => p.personId === id)?.name ?? id;
  return h('div', { id: 'dossier-' + kind }, h('h4', {}, tt(kind)), list.length === 0 ? h('p', { class: 'muted' }, tt('none'))
    : h('ul', {}, ...list.map((r) => {
      const text = h('textarea', { rows: 2 });
      return h('li', { dataset: { request: r.id } }, h('strong', {}, `${r.voterName} → ${name(r.personId)}: `), r.content, ' ',
        h('button', { type: 'button', class: 'button small secondary', onclick: () => printForm(r.id) }, tt('print')),
        kind === 'openRequests' ? h('div', {}, text, h('button', { type: 'button', class: 'button small', onclick: async () => {
          try {
            await call('POST', `${base()}/dossier/requests/${encodeURIComponent(r.id)}/answer`, { body: { answer: /** @type {HTMLTextAreaElement} */ (text).value } });
            await showDossier(poll, call);
          } catch (e) { fail(e); }
        } }, tt('answer'))) : null);
    })));
}

async function printForm(id) {
  try {
    const res = await call('GET', `${base()}/dossier/requests/${encodeURIComponent(id)}/form.html`, { raw: true });
    window.open(URL.createObjectURL(new Blob([await res.text()], { type: 'text/html' })), '_blank', 'noopener');
  } catch (e) { fail(e); }
}

async function links(format) {
  try {
    const res = await call('POST', `${base()}/portal/links?format=${format}`, { raw: true, body: {} });
    if (format === 'csv') { await saveResponse(res, 'portal-links.csv', $('links-csv')); return; }
    const blob = new Blob([await res.text()], { type: 'text/html' });
    window.open(URL.createObjectURL(blob), '_blank', 'noopener');
    await showDossier(poll, call);
  } catch (e) { fail(e); }
}
