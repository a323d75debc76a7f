package org.cvote.server.support;

import org.cvote.server.CvoteApp;
import org.cvote.server.ServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** A {@link CvoteApp} on a fresh temporary data folder and the store under test ({@link TestStore}), with the real crypto and a pooled token key. */
public final class TestApp implements AutoCloseable {
    public final Path dir;
    public final CvoteApp app;
    public final String adminPassword;

    private TestApp(Path dir, CvoteApp app) {
        this.dir = dir;
        this.app = app;
        this.adminPassword = app.firstRunPassword().orElse(null);
    }

    public static TestApp create() {
        return create(UnaryOperator.identity());
    }

    public static TestApp create(UnaryOperator<ServerConfig> tweak) {
        return create(tweak, Clock.systemUTC());
    }

    /** With the server's clock given (e.g. a {@link TestClock} to end a window without waiting). */
    public static TestApp create(UnaryOperator<ServerConfig> tweak, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("cvote-test");
            return new TestApp(dir, new CvoteApp(tweak.apply(TestStore.config(dir)), crypto(), clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CvoteApp.Crypto crypto() {
        return new CvoteApp.Crypto(new FastTokenCrypto());
    }

    @Override
    public void close() {
        app.close();
    }
}
