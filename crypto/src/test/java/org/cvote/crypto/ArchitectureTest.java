package org.cvote.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The crypto module's architecture (issue 23): no package cycles, and crypto, the core, depends on
 * no other module of cvote. Production classes only; tests may reach across packages.
 */
@AnalyzeClasses(packages = "org.cvote.crypto", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /**
   * Each first-level package with its subpackages is one slice; the slices import each other
   * without a cycle.
   */
  @ArchTest
  static final ArchRule noCyclesBetweenModuleAreas =
      slices().matching("org.cvote.crypto.(*)..").should().beFreeOfCycles();

  /** Stricter: every single package (the module's root one included) is a slice of its own. */
  @ArchTest
  static final ArchRule noCyclesBetweenPackages =
      slices()
          .assignedFrom(
              new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass c) {
                  return c.getPackageName().startsWith("org.cvote.crypto")
                      ? SliceIdentifier.of(c.getPackageName())
                      : SliceIdentifier.ignore();
                }

                @Override
                public String getDescription() {
                  return "every package of org.cvote.crypto";
                }
              })
          .should()
          .beFreeOfCycles();

  @ArchTest
  static final ArchRule moduleDependencies =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.cvote.server..",
              "org.cvote.committee..",
              "org.cvote.verifier..",
              "org.cvote.testkit..",
              "org.cvote.tools..")
          .because("crypto, the core, depends on no other module of cvote");
}
