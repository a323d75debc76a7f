// The booth's access-code pre-check agrees with crypto/.../token/AccessCode.java.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeProblem, normaliseCode } from '../src/ui/accesscode.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
// The Java check: s = 0; for each data value v: s = timesX(s ^ v)
function check(data) {
  let s = 0;
  for (const v of data) { s = (s ^ v) << 1; if (s & 32) s ^= 0b100101; }
  return s;
}
function code(data) {
  const s = data.map((v) => ALPHABET[v]).join('') + ALPHABET[check(data)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s[16]}`;
}

test('well-formed codes pass, in any case, with look-alikes and spaces', () => {
  for (let k = 0; k < 200; k++) {
    const data = Array.from({ length: 16 }, () => Math.floor(Math.random() * 32));
    const c = code(data);
    assert.equal(codeProblem(c), null, c);
    assert.equal(codeProblem(c.toLowerCase().replaceAll('-', ' ')), null);
    assert.equal(normaliseCode(c.toLowerCase().replaceAll('-', '')), c);
  }
  assert.equal(codeProblem('0000-0000-0000-0000-0'), null);
  assert.equal(codeProblem('OOOO-OOOO-OOOO-OOOO-O'), null); // O reads as 0
});

test('every single substitution and every swap is caught', () => {
  const data = Array.from({ length: 16 }, () => Math.floor(Math.random() * 32));
  const c = code(data).replaceAll('-', '');
  for (let i = 0; i < 17; i++) {
    for (const ch of ALPHABET) {
      if (ch === c[i]) continue;
      assert.equal(codeProblem(c.slice(0, i) + ch + c.slice(i + 1)), 'check', `${i}:${ch}`);
    }
    for (let j = i + 1; j < 17; j++) {
      if (c[i] === c[j]) continue;
      const s = [...c]; [s[i], s[j]] = [s[j], s[i]];
      assert.equal(codeProblem(s.join('')), 'check', `swap ${i},${j}`);
    }
  }
});

test('wrong length and foreign characters are named', () => {
  assert.equal(codeProblem('ABCD-EFGH'), 'length');
  assert.equal(codeProblem('ABCD-EFGH-JKMN-PQRS-TU'), 'character'); // U is never used
  assert.equal(codeProblem('ABCD-EFGH-JKMN-PQRS-$'), 'character');
});
