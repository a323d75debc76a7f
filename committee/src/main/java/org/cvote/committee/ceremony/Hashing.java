package org.cvote.committee.ceremony;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.encoding.Bytes;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;

/**
 * H of PROTOCOL.md §2 for the committee's own signing tags ("cvote/v1/post/…"), which are not
 * part of the published record and so not in the crypto core's tag list. Same encoding:
 * SHA-256( I2OSP(len(tag),2) ‖ tag ‖ Σ ( I2OSP(len(x),4) ‖ x ) ).
 */
public final class Hashing {
    private final String tag;
    private final List<byte[]> items = new ArrayList<>();

    private Hashing(String tag) {
        if (!tag.startsWith("cvote/v1/")) {
            throw new IllegalArgumentException("tags start with cvote/v1/");
        }
        this.tag = tag;
    }

    public static Hashing of(String tag) {
        return new Hashing(tag);
    }

    public Hashing bytes(byte[] b) {
        items.add(b.clone());
        return this;
    }

    public Hashing integer(long x) {
        items.add(Bytes.i2osp(x, 4));
        return this;
    }

    public Hashing string(String s) {
        items.add(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Hashing hash(Digest d) {
        items.add(d.bytes());
        return this;
    }

    public Hashing point(Point p) {
        items.add(p.encode());
        return this;
    }

    public Hashing scalar(Scalar s) {
        items.add(s.encode());
        return this;
    }

    public Digest digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
            md.update(Bytes.i2osp(t.length, 2));
            md.update(t);
            for (byte[] x : items) {
                md.update(Bytes.i2osp(x.length, 4));
                md.update(x);
            }
            return Digest.of(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
