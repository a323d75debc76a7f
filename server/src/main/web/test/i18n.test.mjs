import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

// An object literal keeps the last of two equal keys without a word: a second 'booth.fingerprint' (the ballot's)
// once silently renamed the poll's fingerprint on the booth page. Each language has each key once, and both the same.
test('each dictionary has each key once, and Vietnamese and English have the same keys', () => {
  const src = readFileSync(new URL('../src/ui/i18n.js', import.meta.url), 'utf8');
  const vi = src.slice(src.indexOf('\n  vi: {'), src.indexOf('\n  en: {'));
  const en = src.slice(src.indexOf('\n  en: {'), src.indexOf('\n};'));
  const keys = (block) => [...block.matchAll(/(?:^|[\s{,])'([A-Za-z0-9_.-]+)':/gm)].map((m) => m[1]);
  for (const [name, block] of [['vi', vi], ['en', en]]) {
    const list = keys(block);
    assert.ok(list.length > 100, `${name}: ${list.length} keys found`);
    const dup = list.filter((k, i) => list.indexOf(k) !== i);
    assert.deepEqual(dup, [], `${name} repeats keys`);
  }
  assert.deepEqual([...new Set(keys(vi))].sort(), [...new Set(keys(en))].sort());
});
