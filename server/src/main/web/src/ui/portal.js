// The dossier portal (docs/dossier.md): a voter or a person rated opens it with a personal link
// (/portal.html#k=KEY). The key stays on this device (localStorage, per poll) so that the booth's
// "Hồ sơ" links open it again; it is sent only as the X-Portal-Key header, never with a ballot.
import { lang, setup } from './i18n.js';
import { $, h, api, ApiError, message, saveResponse } from './common.js';

const D = {
  vi: {
    title: 'Hồ sơ người được lấy phiếu tín nhiệm', place: 'Địa điểm', date: 'Ngày lấy phiếu', you: 'Người dùng đường dẫn',
    calendar: 'Lịch trước ngày lấy phiếu', step: 'Bước', lastDay: 'Hạn cuối', open: 'đang mở', closed: 'đã hết hạn',
    reopened: 'gia hạn', people: 'Hồ sơ', report: 'Báo cáo', declaration: 'Bản kê khai tài sản, thu nhập',
    missing: 'chưa có', read: 'Mở', formTitle: 'PHIẾU ĐẶT YÊU CẦU LÀM RÕ', formSub: '(Phụ lục 2)',
    to: 'Kính gửi đồng chí', via: '(qua Văn phòng — cơ quan tham mưu về tổ chức, cán bộ)', iam: 'Tôi là', unit: 'Đơn vị công tác',
    content: 'Nội dung đề nghị làm rõ', send: 'Gửi yêu cầu', until: 'Hạn cuối đặt yêu cầu', closedRequests: 'Đã hết hạn đặt yêu cầu.',
    sent: 'Đã gửi yêu cầu.', mine: 'Yêu cầu của tôi và trả lời', toMe: 'Yêu cầu gửi đến đồng chí',
    noRequests: 'Chưa có yêu cầu nào.', noAnswer: 'Chưa có trả lời.', answer: 'Báo cáo giải trình', answerSend: 'Gửi trả lời',
    answerUntil: 'Hạn cuối trả lời', answered: 'Đã gửi trả lời.', filed: 'Ngày gửi', from: 'Người đặt yêu cầu',
    upload: 'Gửi hồ sơ (tệp PDF)', uploadSend: 'Gửi', uploaded: 'Đã nhận tệp.', noKey: 'Thiếu đường dẫn cá nhân. Hãy mở đường dẫn (hoặc quét mã QR) trên phiếu Văn phòng đã gửi.',
    notVoting: 'Đường dẫn này chỉ để nghiên cứu hồ sơ; nó không phải mã truy cập và không liên quan đến phiếu bầu.',
    'err.deadline_passed': 'Đã hết hạn.', 'err.unauthorized': 'Đường dẫn không hợp lệ hoặc đã bị thu hồi. Liên hệ Văn phòng.',
    'err.not_pdf': 'Chỉ nhận tệp PDF.', 'err.too_large': 'Tệp quá lớn.',
  },
  en: {
    title: 'Dossiers of the persons rated', place: 'Place', date: 'Date of the vote', you: 'Link holder',
    calendar: 'Calendar before the vote', step: 'Step', lastDay: 'Last day', open: 'open', closed: 'closed',
    reopened: 'reopened', people: 'Dossiers', report: 'Self-report', declaration: 'Asset and income declaration',
    missing: 'not yet', read: 'Open', formTitle: 'WRITTEN REQUEST FOR CLARIFICATION', formSub: '(Appendix 2)',
    to: 'To comrade', via: '(through the office — the personnel advisory body)', iam: 'I am', unit: 'Unit',
    content: 'What should be clarified', send: 'Send the request', until: 'Last day for requests', closedRequests: 'The last day for requests has passed.',
    sent: 'Request sent.', mine: 'My requests and the answers', toMe: 'Requests put to you',
    noRequests: 'No requests yet.', noAnswer: 'No answer yet.', answer: 'Answer', answerSend: 'Send the answer',
    answerUntil: 'Last day for answers', answered: 'Answer sent.', filed: 'Filed', from: 'Asked by',
    upload: 'Send your files (PDF)', uploadSend: 'Send', uploaded: 'File received.', noKey: 'No personal link. Open the link (or scan the QR code) on the slip the office gave you.',
    notVoting: 'This link is for reading the dossiers only; it is not the access code and has nothing to do with your ballot.',
    'err.deadline_passed': 'The deadline has passed.', 'err.unauthorized': 'The link is unknown or was revoked. Contact the office.',
    'err.not_pdf': 'PDF files only.', 'err.too_large': 'The file is too large.',
  },
};
const tt = (k) => D[lang][k] ?? D.vi[k] ?? k;
const vnDate = (iso) => iso.split('-').reverse().join('/');
/** An instant as the day it was in the poll's time zone, dd/MM/yyyy. */
const vnDay = (instant) => new Intl.DateTimeFormat('en-GB', { timeZone: me.calendar.timeZone, day: '2-digit', month: '2-digit', year: 'numeric' })
  .format(new Date(instant));

const params = new URLSearchParams(location.search);
const frag = new URLSearchParams(location.hash.slice(1));
let key = frag.get('k');
let me = null;

function fail(e, retry) {
  const msg = e instanceof ApiError
    ? (e.status === 0 ? e.describe() : (D[lang]['err.' + e.code] ? tt('err.' + e.code) + ' ' : '') + (e.message || ''))
    : String(e.message || e);
  message('msg', 'error', msg, retry);
  if (e instanceof ApiError) $('msg').dataset.error = e.code;
}

const call = (method, path, opts = {}) => api(method, '/api/portal' + path, { ...opts, headers: { 'X-Portal-Key': key } });

async function load() {
  message('msg', 'error', '');
  // a poll's saved key lets the booth's "Hồ sơ" links (?poll=ID&subject=N) open the portal again
  const poll = params.get('poll');
  if (!key && poll) { try { key = localStorage.getItem('cvote.portal.' + poll); } catch { /* private mode */ } }
  if (!key) { $('p-title').textContent = tt('title'); message('msg', 'error', tt('noKey')); return; }
  try {
    me = await call('GET', '/');
  } catch (e) { fail(e, load); return; }
  try { localStorage.setItem('cvote.portal.' + me.pollId, key); } catch { /* private mode */ }
  render();
  const subject = params.get('subject');
  if (subject) document.querySelector(`[data-subject="${CSS.escape(subject)}"]`)?.scrollIntoView();
}

function step(name) { return me.calendar.steps.find((s) => s.step === name); }

function render() {
  if (!me) return;
  $('p-title').textContent = tt('title');
  const poll = $('p-poll');
  poll.hidden = false;
  poll.replaceChildren(h('h2', { id: 'poll-title' }, me.title),
    h('dl', { class: 'facts' }, h('dt', {}, tt('place')), h('dd', {}, me.place), h('dt', {}, tt('date')), h('dd', {}, vnDate(me.date)),
      h('dt', {}, tt('you')), h('dd', { id: 'me-name' }, me.me.name + (me.me.unit ? ' — ' + me.me.unit : ''))),
    h('p', { class: 'muted small' }, tt('notVoting')));
  const cal = $('p-calendar');
  cal.hidden = false;
  cal.replaceChildren(h('h2', {}, tt('calendar')), h('table', { class: 'calendar' },
    h('thead', {}, h('tr', {}, h('th', {}, tt('step')), h('th', {}, 'D−'), h('th', {}, tt('lastDay')), h('th', {}, ''))),
    h('tbody', {}, ...me.calendar.steps.map((s) => h('tr', { dataset: { step: s.step } }, h('td', {}, lang === 'vi' ? s.vi : s.en),
      h('td', {}, String(s.offset)), h('td', {}, s.lastDayVi),
      h('td', {}, (s.open ? tt('open') : tt('closed')) + (s.reopened ? ' (' + tt('reopened') + ')' : '')))))));
  const cr = $('p-criteria');
  cr.hidden = false;
  cr.replaceChildren(h('h2', { id: 'criteria-title' }, lang === 'vi' ? me.criteria.titleVi : me.criteria.titleEn),
    ...me.criteria.groups.map((g, i) => h('div', {}, h('h3', {}, `${i + 1}. ${lang === 'vi' ? g.vi : g.en}`),
      h('ul', {}, ...(lang === 'vi' ? g.itemsVi : g.itemsEn).map((x) => h('li', {}, x))))));
  renderPeople();
  renderUpload();
  renderRequestForm();
  renderRequests();
}

function renderPeople() {
  const box = $('p-people');
  box.hidden = false;
  box.replaceChildren(h('h2', {}, tt('people')), h('table', { class: 'people' }, h('tbody', {},
    ...me.people.map((p) => h('tr', { dataset: { subject: String(p.index), person: p.personId } },
      h('td', {}, String(p.index)), h('td', { class: 'name' }, p.name), h('td', {}, p.position),
      ...['report', 'declaration'].map((k) => h('td', {}, p[k]
        ? h('button', { type: 'button', class: 'button small secondary', dataset: { role: 'read-' + k },
          onclick: (ev) => readFile(p, k, ev.currentTarget) }, `${tt('read')}: ${tt(k)}`)
        : h('span', { class: 'muted' }, `${tt(k)}: ${tt('missing')}`))))))));
}

async function readFile(p, kind, button) {
  try {
    const res = await call('GET', `/files/${encodeURIComponent(p.personId)}/${kind}`, { raw: true });
    await saveResponse(res, `${p.personId}-${kind}.pdf`, button);
    button.dataset.read = 'yes';
  } catch (e) { fail(e); }
}

function renderUpload() {
  const box = $('p-upload');
  box.hidden = me.role !== 'PERSON';
  if (box.hidden) return;
  box.replaceChildren(h('h2', {}, tt('upload')), ...['report', 'declaration'].map((k) => {
    const input = h('input', { type: 'file', accept: 'application/pdf', id: 'file-' + k });
    return h('p', {}, h('label', { for: 'file-' + k }, tt(k)), ' ', input, ' ',
      h('button', { type: 'button', class: 'button small', onclick: async () => {
        const f = /** @type {HTMLInputElement} */ (input).files?.[0];
        if (!f) return;
        try {
          const res = await fetch(`/api/portal/files/${k}`, { method: 'PUT', body: f, cache: 'no-store', credentials: 'omit',
            headers: { 'Content-Type': 'application/pdf', 'X-Portal-Key': key } });
          if (!res.ok) { const j = await res.json().catch(() => ({})); throw new ApiError(res.status, j.error, j.message, j.field); }
          message('msg', 'ok', tt('uploaded'));
          me = await call('GET', '/');
          renderPeople();
        } catch (e) { fail(e); }
      } }, tt('uploadSend')));
  }));
}

function renderRequestForm() {
  const box = $('p-request');
  box.hidden = me.role !== 'VOTER';
  if (box.hidden) return;
  const s = step('REQUESTS');
  const select = h('select', { id: 'req-person', required: true },
    ...me.people.map((p) => h('option', { value: p.personId }, `${p.name} — ${p.position}`)));
  const text = h('textarea', { id: 'req-content', rows: 6, maxlength: 8000, required: true });
  const form = h('form', { id: 'req-form', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await call('POST', '/requests', { body: { personId: /** @type {HTMLSelectElement} */ (select).value,
        content: /** @type {HTMLTextAreaElement} */ (text).value } });
      /** @type {HTMLTextAreaElement} */ (text).value = '';
      message('msg', 'ok', tt('sent'));
      me = await call('GET', '/');
      renderRequests();
    } catch (e) { fail(e); }
  } },
  h('p', { class: 'form-title' }, h('strong', {}, tt('formTitle')), ' ', tt('formSub')),
  h('p', {}, h('label', { for: 'req-person' }, tt('to') + ': '), select, ' ', h('span', { class: 'muted' }, tt('via'))),
  h('p', {}, tt('iam') + ': ', h('strong', {}, me.me.name), ' — ' + tt('unit') + ': ' + me.me.unit),
  h('p', {}, h('label', { for: 'req-content' }, tt('content') + ':')), text,
  h('p', { class: 'muted' }, `${tt('until')}: ${s.lastDayVi}` + (s.open ? '' : ' — ' + tt('closedRequests'))),
  h('button', { type: 'submit', class: 'button', id: 'req-send', disabled: !s.open }, tt('send')));
  box.replaceChildren(form);
}

function renderRequests() {
  const box = $('p-requests');
  box.hidden = false;
  const person = me.role === 'PERSON';
  const name = (id) => me.people.find((p) => p.personId === id)?.name ?? id;
  const ans = step('ANSWERS');
  box.replaceChildren(h('h2', {}, person ? tt('toMe') : tt('mine')),
    me.requests.length === 0 ? h('p', { class: 'muted' }, tt('noRequests')) : h('ol', { id: 'requests' },
      ...me.requests.map((r) => {
        const li = h('li', { dataset: { request: r.id } },
          h('p', {}, h('strong', {}, person ? `${tt('from')}: ${r.voterName} — ${r.voterUnit}` : `${tt('to')} ${name(r.personId)}`),
            h('span', { class: 'muted' }, ` (${tt('filed')}: ${vnDay(r.filedAt)})`)),
          h('p', { class: 'req-content' }, r.content),
          r.answer ? h('p', { class: 'req-answer' }, h('strong', {}, tt('answer') + ': '), r.answer)
            : h('p', { class: 'muted req-open' }, tt('noAnswer')));
        if (person && !r.answer) {
          const text = h('textarea', { rows: 4, maxlength: 8000, class: 'answer-text' });
          li.append(text, h('p', { class: 'muted' }, `${tt('answerUntil')}: ${ans.lastDayVi}`),
            h('button', { type: 'button', class: 'button small', 'data-role': 'answer', disabled: !ans.open, onclick: async () => {
              try {
                await call('POST', `/requests/${encodeURIComponent(r.id)}/answer`, { body: { answer: /** @type {HTMLTextAreaElement} */ (text).value } });
                message('msg', 'ok', tt('answered'));
                me = await call('GET', '/');
                renderRequests();
              } catch (e) { fail(e); }
            } }, tt('answerSend')));
        }
        return li;
      })));
}

setup(render);
load();
