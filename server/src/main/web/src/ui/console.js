// The secretariat's console: log in, create a poll, subjects and roster from CSV (with a preview),
// check-in with printable access-code slips, key ceremony progress, open/close with the quorum,
// live counts (never partial results), results and record once tallied.
import { setup, t, lang } from './i18n.js';
import { $, h, api, ApiError, message, groupHex, saveResponse, closingFigures } from './common.js';
import { showDossier } from './console-dossier.js';
import { showWebHashes } from './console-webhash.js';

const TOKEN_KEY = 'cvote.console.session';
let session = sessionStorage.getItem(TOKEN_KEY);
let current = null; // the selected poll id
let detail = null;  // its admin view
let roster = [];
let timer = 0;

const call = (method, path, opts = {}) => api(method, path, { ...opts, token: session }).catch((e) => {
  if (e instanceof ApiError && e.status === 401 && path !== '/admin/session') { logout(); }
  throw e;
});

function fail(e, retry) {
  message('msg', 'error', e instanceof ApiError ? e.describe() : String(e.message || e), retry);
  if (e instanceof ApiError) $('msg').dataset.error = e.code;
}
function ok(text) { message('msg', 'ok', text); }

function logout() {
  if (session) api('DELETE', '/admin/session', { token: session }).catch(() => {});
  session = null;
  sessionStorage.removeItem(TOKEN_KEY);
  clearInterval(timer);
  $('main').hidden = true;
  $('logout').hidden = true;
  $('who').textContent = '';
  $('login').hidden = false;
}

async function login(ev) {
  ev.preventDefault();
  message('msg', 'error', '');
  try {
    const r = await api('POST', '/admin/session', { body: { username: $('user').value, password: $('password').value } });
    session = r.token;
    sessionStorage.setItem(TOKEN_KEY, session);
    /** @type {HTMLInputElement} */ ($('password')).value = '';
    await start();
  } catch (e) { fail(e); }
}

async function start() {
  try {
    const me = await call('GET', '/admin/session');
    $('who').textContent = me.username;
  } catch (e) { if (!session) return; fail(e, start); return; }
  $('login').hidden = true;
  $('main').hidden = false;
  $('logout').hidden = false;
  await listPolls();
  const want = new URLSearchParams(location.hash.slice(1)).get('poll');
  if (want) await select(want);
}

async function listPolls() {
  const r = await call('GET', '/admin/polls');
  $('poll-list').replaceChildren(...r.polls.map((p) => h('li', {},
    h('a', { href: `#poll=${encodeURIComponent(p.id)}`, class: p.id === current ? 'current' : '', dataset: { poll: p.id },
      onclick: (ev) => { ev.preventDefault(); select(p.id); } }, p.title),
    ' ', h('small', { class: 'muted' }, `${p.date} · ${t('status.' + p.status)}`))));
}

async function createPoll(ev) {
  ev.preventDefault();
  try {
    const p = await call('POST', '/admin/polls', { body: {
      title: $('np-title').value, place: $('np-place').value, date: $('np-date').value, visibility: $('np-vis').value,
      body: $('np-body').value, voterGroup: $('np-group').value, post: $('np-post').value,
      year: $('np-year').value ? Number($('np-year').value) : undefined,
      ballotVersion: $('np-version').value ? Number($('np-version').value) : undefined } });
    /** @type {HTMLFormElement} */ ($('new-poll')).reset();
    await listPolls();
    await select(p.id);
    ok(`${p.title} (${p.id})`);
  } catch (e) { fail(e); }
}

async function select(id) {
  current = id;
  history.replaceState(null, '', `#poll=${encodeURIComponent(id)}`);
  $('sheet-panel').hidden = true;
  $('poll').hidden = false;
  await refresh();
  showDossier(id, call); // issue 20: the weeks before the vote (console-dossier.js)
  clearInterval(timer);
  timer = setInterval(() => refresh(true), 3000);
  listPolls().catch(() => {});
}

/** Reloads the poll view; quiet = background refresh (keeps what the user is typing). */
let refreshes = 0; // refreshes started
let applied = 0;   // the latest refresh whose answers were shown

async function refresh(quiet = false) {
  if (!current) return;
  const mine = ++refreshes;
  try {
    const [d, r, pub, committee] = await Promise.all([
      call('GET', `/admin/polls/${encodeURIComponent(current)}`),
      call('GET', `/admin/polls/${encodeURIComponent(current)}/roster`),
      api('GET', `/api/polls/${encodeURIComponent(current)}`),
      call('GET', `/admin/polls/${encodeURIComponent(current)}/committee`).catch(() => null),
    ]);
    if (committee) {
      committee.invitations = (await call('GET', `/admin/polls/${encodeURIComponent(current)}/committee/invitations`)
        .catch(() => ({ invitations: [] }))).invitations;
    }
    // a slower, older refresh must not put back an earlier state (it would re-render the results twice)
    if (mine < applied) return;
    applied = mine;
    const committeeChanged = JSON.stringify(committee) !== JSON.stringify(detail && detail.committee);
    const changed = !detail || detail.status !== d.status || detail.id !== d.id;
    detail = d;
    detail.ballots = pub.ballots;
    detail.context = pub.context;
    detail.committee = committee;
    const rosterChanged = JSON.stringify(roster) !== JSON.stringify(r.voters);
    roster = r.voters;
    render(!quiet || changed, !quiet || rosterChanged);
    if (!quiet || changed || committeeChanged) renderCommittee();
  } catch (e) { if (!quiet) fail(e, () => refresh()); }
}

/** The ballot version (docs/protocol.md §16.9): requested while a draft, then fixed with B. */
function versionText(d) {
  const v = d.ballotVersion;
  if (!d.ballotVersionFixed) {
    return `${t('console.ballotVersion')}: ${v == null ? t('console.ver.auto') : t('console.ver.' + v)}`;
  }
  const fixed = v == null ? 1 : v; // polls frozen before version 2 existed are version 1
  return `${t('console.ballotVersion')}: ${t('console.ver.' + fixed)}`
    + (d.base != null ? ` · B = ${d.base}` : '');
}

function render(full, rosterToo) {
  const d = detail;
  $('p-title').textContent = d.title;
  $('p-id').textContent = d.id;
  $('p-status').textContent = t('status.' + d.status);
  $('p-status').dataset.status = d.status;
  $('p-place').textContent = d.place;
  $('p-date').textContent = d.date;
  $('p-version').textContent = versionText(d);
  const booth = `${location.origin}/booth/${encodeURIComponent(d.id)}`;
  $('p-booth').textContent = booth;
  $('p-booth').setAttribute('href', booth);
  $('p-board').setAttribute('href', `/board.html?poll=${encodeURIComponent(d.id)}`);
  const draft = d.status === 'DRAFT';
  document.querySelectorAll('.draft-only').forEach((el) => { /** @type {HTMLElement} */ (el).hidden = !draft; });
  if (full) {
    $('subjects').replaceChildren(...d.subjects.map((s) => h('tr', {},
      h('td', {}, String(s.index)), h('td', {}, s.name), h('td', {}, s.position), h('td', {}, s.unit))));
  }
  const a = d.attendance;
  $('q-summoned').textContent = String(a.summoned);
  $('q-present').textContent = String(a.present);
  $('q-absent').textContent = String(a.summoned - a.present);
  $('q-voting').textContent = String(a.presentAtVoting);
  $('q-met').textContent = d.quorumMet ? '✔ ' + t('console.quorum') : '✘ ' + t('console.noQuorum');
  $('q-met').className = d.quorumMet ? 'ok' : 'bad';
  if (rosterToo) renderRoster();
  // ceremony
  const st = d.status;
  $('start-ceremony').hidden = st !== 'DRAFT';
  if (st === 'DRAFT') $('ceremony-state').textContent = t('status.DRAFT');
  else if (st === 'CEREMONY') $('ceremony-state').textContent = t('console.ceremonyWaiting');
  else {
    $('ceremony-state').replaceChildren(t('console.ceremonyDone') + ' ',
      h('code', { class: 'fingerprint', id: 'p-fingerprint' }, d.Q ? groupHex(d.Q, 16).toUpperCase() : '—'),
      d.context ? h('small', { class: 'muted' }, ` (n = ${d.context.n}, t = ${d.context.t})`) : null);
  }
  $('open-poll').hidden = st !== 'READY';
  /** @type {HTMLButtonElement} */ ($('open-poll')).disabled = !d.quorumMet;
  $('close-poll').hidden = st !== 'OPEN';
  $('c-collected').textContent = String(d.ballots ?? 0);
  $('c-issued').textContent = d.tokensIssued !== undefined ? String(d.tokensIssued) : '—';
  const closing = closingFigures(d.closing);
  $('c-closing-box').hidden = !closing;
  $('c-closing').replaceChildren(...(closing ? [closing] : []));
  // the results are rebuilt only on a full render (a status change or a user action), not on every background
  // refresh: the report, a person's places and the PDF button stay put while the user works with them
  if (!full) {
    if (st === 'PUBLISHED' && $('delivery-status')) showDelivery(d.id);
    return;
  }
  const report = st === 'TALLIED' || st === 'PUBLISHED'
    ? h('button', { type: 'button', class: 'button secondary', id: 'report-pdf', onclick: () => downloadReport(d.id) }, t('console.reportPdf'))
    : null;
  $('results').replaceChildren(st === 'PUBLISHED'
    ? h('p', {}, h('button', { type: 'button', class: 'button', id: 'record-download', onclick: () => downloadRecord(d.id) }, t('board.record')),
      ' ', h('a', { class: 'button secondary', href: `/board.html?poll=${encodeURIComponent(d.id)}` }, t('console.boardLink')), ' ', report)
    : st === 'TALLIED' ? h('p', {}, report) : h('p', { class: 'muted' }, t('console.resultsLater')));
  if (st === 'TALLIED' || st === 'PUBLISHED') {
    $('results').append(h('div', { id: 'report-view', class: 'scroll' }), h('div', { id: 'person-results', class: 'scroll' }));
    if (st === 'PUBLISHED') { $('results').prepend(h('p', { id: 'delivery-status' })); showDelivery(d.id); }
    $('results').append(h('div', { id: 'observers' }));
    showObservers(d.id, st === 'TALLIED');
    showReport(d.id);
    // a re-render keeps the person the user was looking at
    if (shownPerson && shownPerson.poll === d.id) showPerson(shownPerson.id);
  }
}

/** 001 III.1: the superior level's observers at the count, by name; recorded until the poll is published. */
async function showObservers(id, editable) {
  let list;
  try { list = (await call('GET', `/admin/polls/${encodeURIComponent(id)}/observers`)).observers; } catch (e) { fail(e); return; }
  const box = $('observers');
  if (!box) return;
  const name = h('input', { id: 'observer-name', maxlength: '300', 'aria-label': t('observer.name'), placeholder: t('observer.name') });
  const body = h('input', { id: 'observer-body', maxlength: '500', 'aria-label': t('observer.body'), placeholder: t('observer.body') });
  const add = async (ev) => {
    ev.preventDefault();
    try {
      await call('POST', `/admin/polls/${encodeURIComponent(id)}/observers`, { body: { name: name.value, body: body.value } });
      reportCache.clear();
      showObservers(id, editable);
      showReport(id);
    } catch (e) { fail(e); }
  };
  box.replaceChildren(h('p', {}, h('strong', {}, t('observer.title')), ': ',
    list.length ? list.map((o) => o.name + (o.body ? ` (${o.body})` : '')).join('; ') : '—'),
  ...(editable ? [h('form', { id: 'observer-form', class: 'inline', onsubmit: add }, name, ' ', body, ' ',
    h('button', { type: 'submit', class: 'button small secondary' }, t('observer.add')))] : []));
}

/** The delivery to the managing authority (001 §7.1): due, overdue or delivered, with the date. */
async function showDelivery(id) {
  let dl;
  try { dl = await call('GET', `/admin/polls/${encodeURIComponent(id)}/delivery`); } catch (e) { fail(e); return; }
  const box = $('delivery-status');
  if (!box) return;
  box.dataset.status = dl.status;
  box.className = dl.status === 'OVERDUE' ? 'bad' : dl.status === 'DELIVERED' ? 'ok' : '';
  const when = dl.status === 'DELIVERED' ? `${t('delivery.deliveredOn')} ${dl.deliveredOn}${dl.late ? ` (${t('delivery.late')})` : ''}`
    : `${t('delivery.due')} ${dl.due}`;
  box.replaceChildren(h('strong', {}, t('delivery.' + dl.status)), ` — ${when} (${t('delivery.rule')})`,
    ...(dl.status === 'DELIVERED' ? [] : [' ', h('button', { type: 'button', id: 'mark-delivered', class: 'button small secondary',
      onclick: async () => {
        const by = prompt(t('delivery.by'));
        if (!by) return;
        try { await call('POST', `/admin/polls/${encodeURIComponent(id)}/delivery/delivered`, { body: { by } }); showDelivery(id); } catch (e) { fail(e); }
      } }, t('delivery.mark'))]));
}

/** A percentage of tally.json ("62.50") as the report writes it: a decimal comma in Vietnamese (62,50). */
const pct = (p) => (lang === 'en' ? p : String(p).replace('.', ','));

/** "2026-11-24T05:23:37.01" → "2026-11-24 05:23" */
const minute = (local) => (local ? local.replace('T', ' ').slice(0, 16) : '—');

const reportCache = new Map(); // poll id + language → report JSON (cleared when an observer is recorded)

/** The counting report (Phụ lục 5) rendered in the console from the report route's JSON. */
async function showReport(id) {
  const key = `${id}/${lang}`;
  try {
    if (!reportCache.has(key)) {
      reportCache.set(key, await call('GET', `/admin/polls/${encodeURIComponent(id)}/report.json?lang=${lang === 'en' ? 'en' : 'vi'}`));
    }
  } catch (e) { fail(e); return; }
  const r = reportCache.get(key);
  const box = $('report-view');
  if (!box) return;
  const a = r.attendance;
  box.replaceChildren(
    h('h4', {}, r.heading),
    h('p', {}, `${r.conference} — ${r.place}, ${r.date}`),
    h('p', { class: 'muted' }, `${t('console.countTime')}: ${minute(r.count.fromLocal)} → ${minute(r.count.toLocal)} (${r.count.zone})`),
    h('p', {}, `${t('console.reportCommittee')}: `, r.committee.members.map((m) => m.name + (m.head ? ` (${t('console.head')})` : '')).join(', ')),
    h('ul', { id: 'report-attendance' }, ...['summoned', 'present', 'absentFromStart', 'presentAtVoting', 'issued', 'collected']
      .map((k) => h('li', {}, `${t('console.att.' + k)}: `, h('strong', {}, String(a[k]))))),
    h('table', { class: 'list', id: 'report-rows' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Stt'), h('th', {}, t('booth.col.name')), h('th', {}, t('booth.col.position')),
        h('th', {}, t('booth.col.unit')), h('th', {}, t('console.valid')), h('th', {}, t('console.invalid')),
        h('th', {}, t('choice.HIGH')), h('th', {}, t('choice.MID')),
        h('th', {}, t('choice.LOW')), h('th', {}, t('console.flag')), h('th', {}, ''))),
      h('tbody', {}, ...r.results.map((row) => h('tr', { dataset: { person: row.personId } },
        h('td', {}, String(row.index)), h('td', {}, row.name), h('td', {}, row.position), h('td', {}, row.unit),
        h('td', {}, String(row.valid)), h('td', {}, String(row.invalid)),
        ...row.levels.map((l) => h('td', {}, `${l.count} (${l.percentText || l.percent}%)`)),
        h('td', {}, row.flagLabel || t('flag.' + row.flag)),
        h('td', {}, h('button', { type: 'button', class: 'button small secondary', onclick: () => showPerson(row.personId) },
          t('console.personPlaces'))))))),
    h('p', { class: 'muted' }, r.percentNote),
    h('p', { class: 'muted' }, r.copies),
    h('p', { id: 'report-signature' }, h('strong', {}, r.signature), ' ', r.committee.head.name));
}

/** The person whose places are shown (poll id and person id), so a re-render of the results shows them again. */
let shownPerson = null;

/** A person's results from every place (poll) side by side: the authority judges them together. */
async function showPerson(personId) {
  shownPerson = { poll: current, id: personId };
  let p;
  try {
    p = await call('GET', `/admin/people/${encodeURIComponent(personId)}/results?lang=${lang === 'en' ? 'en' : 'vi'}`);
  } catch (e) { fail(e); return; }
  const cell = (pl, f) => h('td', {}, f(pl));
  const line = (label, f) => h('tr', {}, h('th', {}, label), ...p.places.map((pl) => cell(pl, f)));
  $('person-results').replaceChildren(h('h4', {}, `${p.name} (${p.personId})`),
    h('table', { class: 'list', id: 'person-places' }, h('tbody', {},
      line(t('console.place'), (pl) => `${pl.conference} — ${pl.place}, ${pl.date}`),
      line(t('booth.col.position'), (pl) => `${pl.position}, ${pl.unit}`),
      line(t('console.valid'), (pl) => (pl.valid ?? '—') + (pl.collected !== undefined ? ` / ${pl.collected}` : '')),
      line(t('choice.HIGH'), (pl) => (pl.counts ? `${pl.counts[0]} (${pct(pl.percent[0])}%)` : '—')),
      line(t('choice.MID'), (pl) => (pl.counts ? `${pl.counts[1]} (${pct(pl.percent[1])}%)` : '—')),
      line(t('choice.LOW'), (pl) => (pl.counts ? `${pl.counts[2]} (${pct(pl.percent[2])}%)` : '—')),
      line(t('console.flag'), (pl) => (pl.flag ? t('flag.' + pl.flag) : '—')),
      line(t('console.placePriority'), (pl) => String(pl.priority)),
      line(t('console.twoPlacesNote'), (pl) => pl.twoPlacesNote || '—'))));
}

/** The published record (zip), fetched with the session: a participants-only poll's record is refused to a plain link. */
async function downloadRecord(id) {
  try {
    const res = await call('GET', `/api/polls/${encodeURIComponent(id)}/record`, { raw: true });
    await saveResponse(res, `record-${id}.zip`, $('record-download'));
  } catch (e) { fail(e); }
}

/** The official report (Phụ lục 5) as PDF: fetched with the session (admin route), saved through a Blob URL. */
async function downloadReport(id) {
  try {
    const res = await call('GET', `/admin/polls/${encodeURIComponent(id)}/report.pdf?lang=${lang === 'en' ? 'en' : 'vi'}`, { raw: true });
    const blob = await res.blob();
    const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
    const button = $('report-pdf');
    if (button) {
      button.dataset.reportBytes = String(blob.size);
      button.dataset.reportMagic = String.fromCharCode(...head);
    }
    const a = h('a', { href: URL.createObjectURL(blob), download: `bao-cao-${id}.pdf`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
  } catch (e) { fail(e); }
}

function renderRoster() {
  const label = (st) => (st === 'ABSENT' ? t('console.absent') : st === 'PRESENT' ? t('console.present') : t('console.left'));
  $('roster').replaceChildren(...roster.map((v) => h('tr', { dataset: { voter: String(v.number), status: v.status } },
    h('td', {}, h('input', { type: 'checkbox', class: 'pick', value: String(v.number), 'aria-label': `${t('console.select')} ${v.name}` })),
    h('td', {}, String(v.number)), h('td', {}, v.name), h('td', {}, v.unit || ''),
    h('td', {}, label(v.status) + (v.late ? ` (${t('console.late')})` : '')))));
  /** @type {HTMLInputElement} */ ($('select-all')).checked = false;
}

function picked() {
  return [...document.querySelectorAll('#roster input.pick:checked')].map((c) => Number(/** @type {HTMLInputElement} */ (c).value));
}

async function markLeft() {
  const voters = picked();
  if (voters.length === 0) return;
  try {
    await call('POST', `/admin/polls/${encodeURIComponent(current)}/attendance/left`, { body: { voters } });
    message('msg', 'error', '');
    await refresh();
  } catch (e) { fail(e); }
}

const tick = (b) => (b ? '✔' : '·');

function renderCommittee() {
  const c = detail.committee;
  const box = $('committee');
  const st = detail.status;
  if (!c) { box.replaceChildren(); $('approve').hidden = true; return; }
  const parts = [h('p', {}, `${t('console.phase')}: `, h('strong', { id: 'committee-phase' }, c.phase),
    c.attempt ? ` (#${c.attempt})` : '', c.n ? ` · n = ${c.n}, t = ${c.t}` : '')];
  const approving = st === 'CEREMONY' && (!c.members || c.members.length === 0);
  if (c.registrations && c.registrations.length) {
    // ticks survive the background refresh; a registration that arrives meanwhile comes unticked
    const ticked = new Set([...document.querySelectorAll('#committee-regs input.approve-pick:checked')]
      .map((x) => /** @type {HTMLInputElement} */ (x).value));
    parts.push(h('p', {}, t('console.registered')), h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, approving ? h('th', {}, t('console.tick')) : null, h('th', {}, t('booth.col.name')),
        h('th', {}, t('console.fingerprint')))),
      h('tbody', { id: 'committee-regs' }, ...c.registrations.map((x) => h('tr', { dataset: { fingerprint: x.fingerprint } },
        approving ? h('td', {}, h('input', { type: 'checkbox', class: 'approve-pick', value: x.fingerprint, checked: ticked.has(x.fingerprint),
          'aria-label': `${t('console.tick')} ${x.name}` })) : null,
        h('td', {}, x.name, x.signedName ? h('small', { class: 'muted' }, ` (${t('console.signedAs')} ${x.signedName})`) : null),
        h('td', {}, h('code', { class: 'fingerprint' }, x.fingerprint)))))));
  }
  if (c.complaints && c.complaints.length) {
    parts.push(h('p', {}, t('console.complaints')), h('ul', { id: 'committee-complaints' }, ...c.complaints.map((x) =>
      h('li', { dataset: { answer: x.answer } }, `${x.member} → ${x.accused}: ${x.reason} — ${t('console.answer.' + x.answer)}`))));
  }
  if (c.members && c.members.length) {
    parts.push(h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, t('booth.col.name')), h('th', {}, t('console.rounds')))),
      h('tbody', { id: 'committee-members' }, ...c.members.map((m) => h('tr', {}, h('td', {}, String(m.index)), h('td', {}, m.name),
        h('td', {}, [m.committed, m.revealed, m.sharesPosted, m.confirmed].map(tick).join(' ')))))));
  }
  if (c.failure) {
    parts.push(h('p', { class: 'bad' }, `${t('console.failure')}: ${typeof c.failure === 'string' ? c.failure : JSON.stringify(c.failure)}`),
      h('button', { type: 'button', class: 'button small warn', onclick: () => lifecycle('committee/restart', {}) }, t('console.restart')));
  }
  box.replaceChildren(...parts);
  renderInvitations(c, st);
  const canApprove = approving && c.registrations && c.registrations.length > 0;
  $('approve').hidden = !canApprove;
  if (canApprove) /** @type {HTMLInputElement} */ ($('threshold')).max = String(c.registrations.length);
  const dec = c.decryption;
  $('decryption').textContent = dec ? `${t('console.decryption')}: ${dec.valid} / ${dec.needed}` : '';
  $('tally').hidden = !(st === 'CLOSED' && dec && dec.valid >= dec.needed);
  $('publish').hidden = st !== 'TALLIED';
}

/** The invitations (docs/protocol.md §8.6): created while members may still join, listed with their status. */
function renderInvitations(c, st) {
  const open = (st === 'DRAFT' || st === 'CEREMONY') && (!c.members || c.members.length === 0);
  $('invite-box').hidden = !open;
  const list = c.invitations || [];
  $('invitations').replaceChildren(...list.map((i) => h('tr', { dataset: { invitation: String(i.number), status: i.status } },
    h('td', {}, String(i.number)), h('td', {}, i.name), h('td', {}, t('console.inv.' + i.status)),
    h('td', {}, i.usedBy ? h('code', { class: 'fingerprint' }, i.usedBy) : ''),
    h('td', {}, i.status === 'UNUSED' && open
      ? h('button', { type: 'button', class: 'button small secondary', onclick: () => revokeInvitation(i.number) }, t('console.revoke')) : ''))));
}

async function invite() {
  const names = /** @type {HTMLTextAreaElement} */ ($('invite-names')).value.split('\n').map((x) => x.trim()).filter((x) => x);
  if (names.length === 0) return;
  try {
    const html = await call('POST', `/admin/polls/${encodeURIComponent(current)}/committee/invitations/sheet`, { body: { names } });
    // as for the access codes: the server's slips, re-rendered with our own styles (no inline style or script)
    const doc = new DOMParser().parseFromString(html.replace(/<style[\s\S]*?<\/style>/gi, ''), 'text/html');
    const slips = [...doc.querySelectorAll('.slip')].map((x) => {
      const el = document.importNode(x, true);
      el.querySelectorAll('[style]').forEach((y) => y.removeAttribute('style'));
      return el;
    });
    /** @type {HTMLTextAreaElement} */ ($('invite-names')).value = '';
    $('sheet').replaceChildren(h('h2', {}, `${t('console.invitation')} — ${detail.title}`), ...slips);
    $('sheet-panel').hidden = false;
    $('sheet-panel').scrollIntoView();
    ok(`${slips.length} ✔`);
    await refresh();
  } catch (e) { fail(e); }
}

async function revokeInvitation(number) {
  try {
    await call('POST', `/admin/polls/${encodeURIComponent(current)}/committee/invitations/${number}/revoke`, { body: {} });
    await refresh();
  } catch (e) { fail(e); }
}

/** Approval by list (§8.7): exactly the ticked fingerprints, and t. */
function approve() {
  const members = [...document.querySelectorAll('#committee-regs input.approve-pick:checked')].map((x) => /** @type {HTMLInputElement} */ (x).value);
  lifecycle('committee/start', { t: Number(/** @type {HTMLInputElement} */ ($('threshold')).value), members });
}

function renderTally(tally) {
  const rows = (tally.results || []).map((r) => {
    const s = detail.subjects.find((x) => x.index === r.subject) || { name: String(r.subject) };
    return h('tr', {}, h('td', {}, String(r.subject)), h('td', {}, s.name), h('td', {}, String(r.valid)),
      ...r.counts.map((n, j) => h('td', {}, `${n} (${pct(r.percent[j])}%)`)), h('td', {}, t('flag.' + r.flag)));
  });
  $('tally-table').replaceChildren(h('table', { class: 'list', id: 'tally-results' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Stt'), h('th', {}, t('booth.col.name')), h('th', {}, t('console.valid')),
      h('th', {}, t('choice.HIGH')), h('th', {}, t('choice.MID')), h('th', {}, t('choice.LOW')), h('th', {}, t('console.flag')))),
    h('tbody', {}, ...rows)));
}

/** RFC 4180-ish CSV: quotes, doubled quotes, CRLF; returns rows of cells. */
export function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false; else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); cell = '';
      if (row.some((x) => x.trim() !== '')) rows.push(row);
      row = [];
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x.trim() !== '')) rows.push(row);
  return rows;
}

function preview(kind) {
  const text = /** @type {HTMLTextAreaElement} */ ($(`${kind}-csv`)).value.replace(/^\uFEFF/, '');
  const rows = parseCsv(text);
  const box = $(`${kind}-preview`);
  const importBtn = /** @type {HTMLButtonElement} */ ($(`${kind}-import`));
  if (rows.length < 2) { box.replaceChildren(h('p', { class: 'bad' }, '0 ' + t('console.rows'))); importBtn.disabled = true; return; }
  const [head, ...body] = rows;
  const thead = h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c))));
  const tbody = h('tbody', {}, ...body.slice(0, 50).map((r) =>
    h('tr', { class: r.length !== head.length ? 'bad' : '' }, ...r.map((c) => h('td', {}, c)))));
  box.replaceChildren(h('p', { class: 'muted', 'data-role': 'count' }, `${body.length} ${t('console.rows')}`),
    h('table', { class: 'list' }, thead, tbody));
  importBtn.disabled = false;
}

async function importCsv(kind) {
  const text = /** @type {HTMLTextAreaElement} */ ($(`${kind}-csv`)).value.replace(/^\uFEFF/, '');
  try {
    const r = await call('POST', `/admin/polls/${encodeURIComponent(current)}/${kind}/import`, { body: text, contentType: 'text/csv; charset=utf-8' });
    /** @type {HTMLTextAreaElement} */ ($(`${kind}-csv`)).value = '';
    $(`${kind}-preview`).replaceChildren();
    /** @type {HTMLButtonElement} */ ($(`${kind}-import`)).disabled = true;
    if (kind === 'subjects') {
      // 001 II.1: persons not rated this year are kept with the reason and date, listed in the report
      $('subjects-refused').replaceChildren(...(r.exempted || []).map((x) => h('p', {},
        `line ${x.line}: ${x.name} — ${t('exempt.' + x.reason)}${x.since ? ` (${x.since})` : ''}`)));
      ok(`${r.imported.length} ✔` + (r.exempted && r.exempted.length ? `, ${r.exempted.length} ${t('console.exempted')}` : ''));
    } else ok(`${r.imported} ✔ (${t('console.summoned')}: ${r.summoned})`);
    await refresh();
  } catch (e) { fail(e); }
}

function loadFile(kind) {
  const f = /** @type {HTMLInputElement} */ ($(`${kind}-file`)).files?.[0];
  if (!f) return;
  f.text().then((text) => { /** @type {HTMLTextAreaElement} */ ($(`${kind}-csv`)).value = text; preview(kind); });
}

async function checkIn() {
  const voters = picked();
  if (voters.length === 0) return;
  try {
    const late = detail.status === 'OPEN' || undefined; // arrived after voting opened
    const html = await call('POST', `/admin/polls/${encodeURIComponent(current)}/attendance/check-in/sheet`, { body: { voters, late } });
    // The server's sheet, re-rendered here with our own styles (nothing inline runs).
    // (its <style> is dropped before parsing: this page's CSP allows no inline style)
    const doc = new DOMParser().parseFromString(html.replace(/<style[\s\S]*?<\/style>/gi, ''), 'text/html');
    const slips = [...doc.querySelectorAll('.slip')].map((s) => {
      const el = document.importNode(s, true);
      el.querySelectorAll('[style]').forEach((x) => x.removeAttribute('style'));
      return el;
    });
    $('sheet').replaceChildren(h('h2', {}, detail.title), ...slips);
    $('sheet-panel').hidden = false;
    $('sheet-panel').scrollIntoView();
    ok(`${slips.length} ✔`);
    await refresh();
  } catch (e) { fail(e); }
}

async function lifecycle(action, body) {
  try {
    const r = await call('POST', `/admin/polls/${encodeURIComponent(current)}/${action}`, body === undefined ? {} : { body });
    if (action === 'tally' && r && r.tally) renderTally(r.tally);
    message('msg', 'error', '');
    await refresh();
    await listPolls();
  } catch (e) { fail(e); }
}

setup(() => { if (detail) render(true, true); });
$('login-form').addEventListener('submit', login);
$('logout').addEventListener('click', logout);
$('new-poll').addEventListener('submit', createPoll);
for (const kind of ['subjects', 'roster']) {
  $(`${kind}-preview-btn`).addEventListener('click', () => preview(kind));
  $(`${kind}-import`).addEventListener('click', () => importCsv(kind));
  $(`${kind}-file`).addEventListener('change', () => loadFile(kind));
}
$('select-all').addEventListener('change', (ev) => {
  document.querySelectorAll('#roster input.pick').forEach((c) => { /** @type {HTMLInputElement} */ (c).checked = /** @type {HTMLInputElement} */ (ev.target).checked; });
});
$('check-in').addEventListener('click', checkIn);
$('left').addEventListener('click', markLeft);
$('start-ceremony').addEventListener('click', () => lifecycle('ceremony'));
$('open-poll').addEventListener('click', () => lifecycle('open'));
$('close-poll').addEventListener('click', () => lifecycle('close'));
$('approve-committee').addEventListener('click', approve);
$('invite').addEventListener('click', invite);
$('tally').addEventListener('click', () => lifecycle('tally', {}));
$('publish').addEventListener('click', () => lifecycle('publish'));
$('print').addEventListener('click', () => window.print());
if (session) start(); else $('login').hidden = false;
showWebHashes();
