// Helper for the Java ↔ browser committee interop test (server: BrowserCommitteeMemberInteropTest), not a test itself.
// Every value is a file of JSON, as the page would hold it:
//   node test/committee-interop-cli.mjs identity <pollId> <name> <invitation>      → {identity, registration}
//   node test/committee-interop-cli.mjs step <identity> <state|-> <view> <pollId> <t> <fp1,fp2,…>  → {state, posts, progress}
//   node test/committee-interop-cli.mjs decrypt <identity> <state> <tallyInput> <ballots> <head>   → {state, post}
// A refusal exits 3 with the error's JSON ({name, code?, message, problems?}) on stderr.
import { readFileSync } from 'node:fs';
import { generateIdentity, registration, ceremonyStep, checkClosing, decryptBoard } from '../src/committee/index.js';

const read = (f) => JSON.parse(readFileSync(f, 'utf8'));
const [cmd, ...a] = process.argv.slice(2);
try {
  let out;
  if (cmd === 'identity') {
    const identity = generateIdentity(a[1]);
    out = { identity, registration: registration(a[0], identity, a[2]).body };
  } else if (cmd === 'step') {
    const confirmedList = { t: Number(a[4]), fingerprints: a[5].split(',') };
    out = await ceremonyStep(a[1] === '-' ? null : read(a[1]), read(a[2]), { identity: read(a[0]), pollId: a[3], confirmedList });
  } else if (cmd === 'decrypt') {
    const state = read(a[1]);
    const input = read(a[2]);
    checkClosing(state, input);
    const r = await decryptBoard(read(a[0]), state, input, { announced: { ballots: Number(a[3]), head: a[4] } });
    out = { state: r.state, post: r.post };
  } else {
    process.stderr.write('usage: committee-interop-cli.mjs identity|step|decrypt …\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(out));
} catch (e) {
  process.stderr.write(JSON.stringify({ name: e.name, code: e.code, message: e.message, problems: e.problems }));
  process.exit(3);
}
