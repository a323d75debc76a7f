package org.cvote.server.http;

import io.helidon.common.mapper.MapperManager;

/**
 * Works around helidon-io/helidon#11383: Helidon 4.4.0 builds a new {@link MapperManager} at every
 * {@link MapperManager#global()} lookup (a service-registry lookup and a fresh mapper cache each
 * time), and its HTTP/1 connection looks one up for every request that has a Content-Length. `cvote
 * bench` found it at a tenth of the request threads' CPU time per cast. Pinning one instance as the
 * global manager makes the lookup a field read.
 */
public final class HelidonMappers {
  private static boolean pinned;

  private HelidonMappers() {}

  /**
   * Pins the registry's mapper manager as the global one; once per JVM (several servers may start
   * in tests).
   */
  public static synchronized void pin() {
    if (pinned) {
      return;
    }
    // Helidon also tries to register the instance in its service registry, which refuses (the
    // contract was used
    // already) and logs a warning about it; the pin itself holds. That one expected warning is not
    // logged.
    java.util.logging.Logger quiet =
        java.util.logging.Logger.getLogger("io.helidon.common.mapper.GlobalManager");
    java.util.logging.Level before = quiet.getLevel();
    quiet.setLevel(java.util.logging.Level.SEVERE);
    try {
      MapperManager.global(MapperManager.global());
    } finally {
      quiet.setLevel(before);
    }
    pinned = true;
  }
}
