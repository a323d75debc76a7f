package org.cvote.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The tools' packages form no cycle, and no production module's classes (all on this module's class
 * path) use the tools or the testkit: nothing in a production jar can reach a bench or a fixture.
 */
@AnalyzeClasses(packages = "org.cvote", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("org.cvote.tools.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule productionUsesNoToolOrFixture =
      noClasses()
          .that()
          .resideInAnyPackage(
              "org.cvote.crypto..",
              "org.cvote.committee..",
              "org.cvote.verifier..",
              "org.cvote.server..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.cvote.tools..", "org.cvote.testkit..");
}
