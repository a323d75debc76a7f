package org.cvote.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Map;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.RecordSignature;
import org.cvote.server.support.Scenario;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.http.BlindClient;

/**
 * One simulated voter whose requests may get no reply because the server was killed. It keeps what
 * a real booth keeps across a lost reply: the blinding state (a token request is resent with the
 * same blinded message, which the server answers again), and the encrypted ballot (a cast is resent
 * byte for byte). Used by one thread at a time.
 */
final class CrashVoter {
  /** What a request came to. */
  enum Reply {
    OK,
    NO_REPLY,
    TOKEN_SPENT
  }

  private static final SecureRandom RNG = new SecureRandom();
  final String code;
  final int[] choices;
  private final PollKeys poll;
  private final BlindClient blind;
  private Ballot.Token token;
  private byte[] ballot;
  private Digest ballotHash;
  private JsonNode receipt;
  private int tokenRequests;
  private int casts;

  CrashVoter(PollKeys poll, String code, int[] choices) {
    this.poll = poll;
    this.code = code;
    this.choices = choices.clone();
    this.blind = new BlindClient(poll.tokenSpki(), poll.pollId());
  }

  boolean hasToken() {
    return token != null;
  }

  /** B_k of this voter's ballot, once encrypted. */
  Digest ballotHash() {
    return ballotHash;
  }

  /**
   * The receipt the server returned, or null (none yet, or the ballot was found on the board
   * without one).
   */
  JsonNode receipt() {
    return receipt;
  }

  int castAttempts() {
    return casts;
  }

  /** Asks for the blind signature (again with the same blinded message after a lost reply). */
  Reply requestToken(Api api) throws InterruptedException {
    tokenRequests++;
    var r =
        api.attempt(
            "POST",
            "/api/polls/" + poll.pollId() + "/tokens",
            json(Map.of("accessCode", code, "blindedMsg", Hex.encode(blind.blinded))),
            "application/json",
            null);
    if (r.isEmpty()) {
      return Reply.NO_REPLY;
    }
    if (r.get().status() != 200) {
      throw new AssertionError(
          "token request " + tokenRequests + " of voter " + code + " answered " + r.get());
    }
    token =
        blind.finish(
            Hex.decodeOrNull(
                r.get().json().path("blindSig").asText())); // throws unless it verifies
    return Reply.OK;
  }

  /**
   * Casts the ballot (encrypting it on the first call). 200 must carry a valid receipt for this
   * very ballot; 409 token_spent is returned to the caller (allowed only when an earlier cast got
   * no reply).
   */
  Reply cast(Api api) throws InterruptedException {
    if (token == null) {
      throw new IllegalStateException("no token yet");
    }
    encryptOnce();
    casts++;
    var r =
        api.attempt(
            "POST", "/api/polls/" + poll.pollId() + "/ballots", ballot, "application/json", null);
    if (r.isEmpty()) {
      return Reply.NO_REPLY;
    }
    Api.Res res = r.get();
    if (res.status() == 409 && "token_spent".equals(res.error())) {
      return Reply.TOKEN_SPENT;
    }
    if (res.status() != 200) {
      throw new AssertionError("cast " + casts + " of voter " + code + " answered " + res);
    }
    JsonNode rc = res.json();
    checkReceipt(rc);
    receipt = rc;
    return Reply.OK;
  }

  /**
   * Sends the cast and hangs up without reading the reply (a voter whose connection drops after
   * sending): the server may commit the ballot while the voter never learns of it. Always {@link
   * Reply#NO_REPLY}.
   */
  Reply castAndHangUp(java.net.URI base) throws IOException {
    if (token == null) {
      throw new IllegalStateException("no token yet");
    }
    encryptOnce();
    casts++;
    try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
      String head =
          "POST /api/polls/"
              + poll.pollId()
              + "/ballots HTTP/1.1\r\nHost: "
              + base.getHost()
              + ":"
              + base.getPort()
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + ballot.length
              + "\r\nConnection: close\r\n\r\n";
      java.io.OutputStream out = s.getOutputStream();
      out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(ballot);
      out.flush();
      s.shutdownOutput();
    }
    return Reply.NO_REPLY;
  }

  /** The ballot is encrypted once: a resend is the same bytes. */
  private void encryptOnce() {
    if (ballot != null) {
      return;
    }
    Ballot b =
        BallotEncryptor.encrypt(poll.pollId(), poll.q(), poll.jointKey(), token, choices, RNG)
            .ballot();
    ballot = Scenario.json(b);
    ballotHash = BallotHashes.ballotHash(poll.q(), b);
  }

  private void checkReceipt(JsonNode rc) {
    int index = rc.path("index").asInt();
    Digest b = Digest.fromHex(rc.path("ballotHash").asText());
    Digest t = Digest.fromHex(rc.path("chain").asText());
    if (index < 1 || !b.equals(ballotHash)) {
      throw new AssertionError("receipt for another ballot: " + rc);
    }
    if (!BallotHashes.trackingCode(t).equals(rc.path("trackingCode").asText())) {
      throw new AssertionError("tracking code ≠ T_k: " + rc);
    }
    if (!RecordSignature.verify(
        poll.signingKey(),
        BallotHashes.receipt(poll.q(), index, b, t),
        Hex.decodeOrNull(rc.path("signature").asText()))) {
      throw new AssertionError("receipt signature does not verify: " + rc);
    }
  }

  private static byte[] json(Object o) {
    try {
      return Api.JSON.writeValueAsBytes(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
