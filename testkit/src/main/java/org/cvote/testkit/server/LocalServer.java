package org.cvote.testkit.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Serves the test class's application for the whole class: the one static field whose type is a
 * {@link ServedApp} is started on a free port before the first test, its base {@link java.net.URI}
 * is given to the constructor or to any test method that asks for one, and after the last test the
 * server is stopped and the application closed.
 *
 * <pre>{@code
 * @LocalServer
 * class PeopleRoutesTest {
 *     static final TestApp APP = TestApp.create();
 *
 *     PeopleRoutesTest(URI uri) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LocalServerExtension.class)
public @interface LocalServer {}
