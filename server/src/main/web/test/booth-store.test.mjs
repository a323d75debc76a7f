// The booth's device storage: kiosk mode writes nothing; forget() removes this poll's keys and only them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boothStore, kioskRequested } from '../src/ui/booth-store.js';

/** A Storage with the localStorage interface the booth uses. */
function fakeStorage() {
  const m = new Map();
  return {
    get length() { return m.size; },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => { m.set(k, String(v)); },
    removeItem: (k) => { m.delete(k); },
    keys: () => [...m.keys()],
  };
}

test('on a personal device the state is kept per poll, and forget() removes exactly this poll\'s keys', () => {
  const dev = fakeStorage();
  dev.setItem('cvote.p-other.receipt', '{"index":1}');
  dev.setItem('unrelated', 'x');
  const s = boothStore('p-a', { storage: dev });
  assert.equal(s.kiosk, false);
  s.set('choices', ['HIGH', null]);
  s.set('token', { t: 1 });
  s.set('receipt', { index: 3 });
  assert.deepEqual(boothStore('p-a', { storage: dev }).get('choices'), ['HIGH', null], 'survives a reload');
  s.del('choices');
  assert.equal(dev.getItem('cvote.p-a.choices'), null);
  s.forget();
  assert.deepEqual(dev.keys().sort(), ['cvote.p-other.receipt', 'unrelated']);
  assert.equal(s.get('receipt'), null);
});

test('in kiosk mode nothing is written to the device', () => {
  const dev = fakeStorage();
  const s = boothStore('p-a', { kiosk: true, storage: dev });
  assert.equal(s.kiosk, true);
  s.set('pending', { blinded: 'ab' });
  s.set('token', { t: 1 });
  s.set('choices', ['LOW']);
  s.set('receipt', { index: 2 });
  assert.deepEqual(s.get('choices'), ['LOW'], 'kept in the page\'s memory while it is open');
  assert.equal(dev.length, 0, 'the device holds nothing');
  assert.equal(boothStore('p-a', { kiosk: true, storage: dev }).get('receipt'), null, 'a new page (next voter) finds nothing');
  s.forget();
  assert.equal(s.get('receipt'), null);
});

test('kiosk mode is asked for with ?kiosk=1', () => {
  assert.equal(kioskRequested('?poll=p-a&kiosk=1'), true);
  assert.equal(kioskRequested('?kiosk=TRUE'), true);
  assert.equal(kioskRequested('?poll=p-a'), false);
  assert.equal(kioskRequested('?kiosk=0'), false);
});
