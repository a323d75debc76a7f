// Access code pre-check (crypto/.../token/AccessCode.java): catches typos before anything is
// sent; the server decides. 16 Crockford base32 data characters and one check character over
// GF(32) = GF(2)[x]/(x^5 + x^2 + 1) from the same 32 characters (s = 0; for each data value v:
// s = (s XOR v)·x; check = s), shown XXXX-XXXX-XXXX-XXXX-C; case-insensitive, spaces and hyphens
// ignored, I/L read as 1 and O as 0, U never used.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function canon(typed) {
  return [...typed.toUpperCase()].filter((c) => !/[\s-]/.test(c))
    .map((c) => (c === 'I' || c === 'L' ? '1' : c === 'O' ? '0' : c)).join('');
}

/** The 17 canonical characters grouped XXXX-XXXX-XXXX-XXXX-C (or the input trimmed, if unreadable). */
export function normaliseCode(typed) {
  const s = canon(typed);
  if (s.length !== 17) return typed.trim();
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s[16]}`;
}

/** null when the code reads well, else 'character' | 'length' | 'check'. */
export function codeProblem(typed) {
  const s = canon(typed);
  const vals = [...s].map((c) => ALPHABET.indexOf(c));
  if (vals.some((v) => v < 0)) return 'character';
  if (vals.length !== 17) return 'length';
  let gf = 0;
  for (const v of vals.slice(0, 16)) {
    gf = (gf ^ v) << 1;
    if (gf & 0b100000) gf ^= 0b100101;
  }
  return gf === vals[16] ? null : 'check';
}
