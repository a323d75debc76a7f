package org.cvote.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The testkit's packages form no cycle, and it needs the crypto core only (the server's tests
 * depend on it).
 */
@AnalyzeClasses(
    packages = "org.cvote.testkit",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("org.cvote.testkit.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyTheCryptoCore =
      noClasses()
          .that()
          .resideInAPackage("org.cvote.testkit..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.cvote.server..",
              "org.cvote.committee..",
              "org.cvote.verifier..",
              "org.cvote.tools..");
}
