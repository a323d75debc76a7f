package org.cvote.testkit.server;

/**
 * An application that a test class serves over HTTP through {@link LocalServer}. Each module
 * implements it once in its test sources (the server's {@code TestApp}), so that this module needs
 * neither the server nor its web stack.
 */
public interface ServedApp extends AutoCloseable {

  /**
   * Starts serving on a free port of localhost. Closing the result stops serving; the application
   * stays open.
   */
  Serving serve() throws Exception;

  /** Releases the application (its store, its threads) once the test class is done with it. */
  @Override
  void close();
}
