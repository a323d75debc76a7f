package org.cvote.server.protocol;

import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.group.Point;
import org.cvote.server.poll.CeremonyOutcome;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.Subject;

import java.util.List;

/** Builds the crypto module's Manifest and Context (docs/protocol.md §3) from the server's rows. */
public final class Contexts {
    private Contexts() {}

    public static Manifest manifest(Poll p, List<Subject> subjects) {
        return new Manifest(p.id(), p.title(), subjects.stream()
                .map(s -> new Manifest.Subject(s.index(), s.name(), s.position(), s.unit())).toList());
    }

    public static PollContext context(Manifest manifest, CeremonyOutcome o, byte[] tokenSpki, byte[] signingKey) {
        Context ctx = Context.of(manifest, o.n(), o.t(), o.commitments(), o.jointKey(), tokenSpki, signingKey);
        return new PollContext(ctx.manifestHash().toHex(), o.n(), o.t(), o.jointKey().toHex(), ctx.tokenKeyHash().toHex(),
                ctx.signingKeyHash().toHex(), ctx.hash().toHex(),
                o.commitments().stream().map(ki -> ki.stream().map(Point::toHex).toList()).toList());
    }
}
