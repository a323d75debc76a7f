package org.cvote.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.helidon.webserver.http.HttpService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's package structure (issue 23): its packages form no cycle, domain code does not speak
 * HTTP, and the modules below the server never reach up into it. Each rule names what it forbids,
 * so a failure says which edge to remove.
 */
final class ArchitectureTest {
  /** The server's production classes (no tests). */
  private static JavaClasses server;

  /**
   * Every production class of the project on the classpath, from target/classes and the module jars
   * alike.
   */
  private static JavaClasses project;

  @BeforeAll
  static void importClasses() {
    server =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cvote.server");
    project =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cvote");
  }

  /** (a) Every top-level package under org.cvote.server is a slice; the slices form no cycle. */
  static final ArchRule NO_PACKAGE_CYCLES =
      slices()
          .matching("org.cvote.server.(*)..")
          .as("the server's top-level packages")
          .should()
          .beFreeOfCycles();

  /**
   * (b) Only the HTTP handlers may use {@code org.cvote.server.http}: the classes that implement
   * Helidon's {@link HttpService} (one per resource, e.g. {@code lifecycle.PollAdminService},
   * {@code tally.TallyRoutes}), and the composition root in {@code org.cvote.server} itself
   * (CvoteApp, CvoteServer). Domain classes refuse with {@code refusal.Refusal}; only {@code http/}
   * turns that into a status and a body.
   */
  static final ArchRule ONLY_HANDLERS_SPEAK_HTTP =
      noClasses()
          .that()
          .resideInAPackage("org.cvote.server.*..")
          .and()
          .resideOutsideOfPackage("org.cvote.server.http..")
          .and(not(assignableTo(HttpService.class)))
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.cvote.server.http..")
          .as(
              "domain classes (every server class but the HttpService handlers and the composition root) "
                  + "do not depend on org.cvote.server.http");

  /**
   * (b') The HTTP adapter depends on no domain package: only on the refusal type and strict JSON.
   */
  static final ArchRule HTTP_KNOWS_NO_DOMAIN =
      noClasses()
          .that()
          .resideInAPackage("org.cvote.server.http..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.cvote.server..")
                  .and(
                      not(
                          resideInAnyPackage(
                              "org.cvote.server.http..",
                              "org.cvote.server.refusal..",
                              "org.cvote.server.json.."))))
          .as(
              "org.cvote.server.http depends only on org.cvote.server.refusal and org.cvote.server.json");

  /**
   * (c) The modules the server builds on never depend on it (crypto, committee, verifier → server
   * is forbidden).
   */
  static final ArchRule LOWER_MODULES_DO_NOT_USE_SERVER =
      noClasses()
          .that()
          .resideInAnyPackage("org.cvote.crypto..", "org.cvote.committee..", "org.cvote.verifier..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.cvote.server..")
          .as("crypto, committee and verifier classes do not depend on org.cvote.server");

  @Test
  void serverPackagesAreFreeOfCycles() {
    NO_PACKAGE_CYCLES.check(server);
  }

  @Test
  void onlyHandlersDependOnHttp() {
    ONLY_HANDLERS_SPEAK_HTTP.check(server);
  }

  @Test
  void httpDependsOnNoDomainPackage() {
    HTTP_KNOWS_NO_DOMAIN.check(server);
  }

  @Test
  void lowerModulesDoNotDependOnTheServer() {
    LOWER_MODULES_DO_NOT_USE_SERVER.check(project);
  }
}
