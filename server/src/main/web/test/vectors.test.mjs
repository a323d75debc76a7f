// Cross-language vectors (written by the Java side) and a self-check of the harness.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVectors, VECTOR_FILE } from './helpers.mjs';
import { SECTIONS, checkSection, generateVectors } from './vectors.mjs';

const vectors = loadVectors();

describe('cross-language vectors (protocol-v1.json)', { skip: vectors ? false : `not found: ${VECTOR_FILE}` }, () => {
  for (const section of SECTIONS) {
    const present = vectors && vectors[section] !== undefined
      && (!Array.isArray(vectors[section]) || vectors[section].length > 0);
    test(section, { skip: present ? false : 'section absent or empty' }, () => checkSection(section, vectors));
  }
});

describe('harness self-check on generated vectors', () => {
  const generated = JSON.parse(JSON.stringify(generateVectors()));
  for (const section of SECTIONS) test(section, () => checkSection(section, generated));
  test('a corrupted generated vector is caught', () => {
    const bad = JSON.parse(JSON.stringify(generated));
    bad.rangeProofs[0].proof.c[0] = bad.rangeProofs[0].proof.c[1];
    assert.throws(() => checkSection('rangeProofs', bad));
    bad.hashes[0].H = '00'.repeat(32);
    assert.throws(() => checkSection('hashes', bad));
    bad.ballots[0].trackingCode = 'AAAA-AAAA-AAAA-AAAA';
    assert.throws(() => checkSection('ballots', bad));
  });
});
