// Access code pre-check (crypto/.../token/AccessCode.java): 16 Crockford base32 characters and a
// check character over GF(32) = GF(2)[x]/(x^5 + x^2 + 1); case-insensitive, spaces and hyphens
// ignored, I/L read as 1, O as 0, U never used. The server decides; this only catches typos early.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function value(ch) {
  let u = ch.toUpperCase();
  if (u === 'I' || u === 'L') u = '1';
  if (u === 'O') u = '0';
  return ALPHABET.indexOf(u);
}

/** The 17 canonical characters grouped XXXX-XXXX-XXXX-XXXX-C (or the input trimmed, if unreadable). */
export function normaliseCode(typed) {
  const vals = [...typed].filter((c) => !/[\s-]/.test(c)).map(value);
  if (vals.length !== 17 || vals.some((v) => v < 0)) return typed.trim();
  const s = vals.map((v) => ALPHABET[v]).join('');
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s[16]}`;
}

/** null when the code reads well, else 'length' | 'character' | 'check'. */
export function codeProblem(typed) {
  const vals = [...typed].filter((c) => !/[\s-]/.test(c)).map(value);
  if (vals.some((v) => v < 0)) return 'character';
  if (vals.length !== 17) return 'length';
  let s = 0;
  for (const v of vals.slice(0, 16)) {
    s = (s ^ v) << 1;
    if (s & 0b100000) s ^= 0b100101;
  }
  return s === vals[16] ? null : 'check';
}
