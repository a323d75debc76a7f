/**
 * The published record of docs/protocol.md §10: one Java record per file with exactly the field
 * names of the contract, the file list, the record signature, and the report arithmetic
 * (percentages of ballots collected, consequence flags) shared by the server that writes a record
 * and the verifier that checks it.
 *
 * <p>Files other than ballots.ndjson may carry extra fields (§13): read them with {@link
 * RecordJson#lenient()}; ballot lines are strict ({@link
 * org.cvote.crypto.json.ProtocolJson#mapper()}).
 */
package org.cvote.crypto.record;
