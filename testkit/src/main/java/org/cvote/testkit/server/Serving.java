package org.cvote.testkit.server;

import java.net.URI;
import java.util.Objects;

/** A running server: the base URI a test talks to, and how to stop it. */
public record Serving(URI uri, Runnable stop) implements AutoCloseable {

  public Serving {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(stop, "stop");
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("uri must be absolute, got " + uri);
    }
  }

  @Override
  public void close() {
    stop.run();
  }
}
