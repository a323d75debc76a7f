package org.cvote.verifier;

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
 * The verifier module's architecture (issue 23): no package cycles, and the independent verifier
 * depends on crypto only, never on the server or committee whose output it checks. Production
 * classes only; tests may reach across packages.
 */
@AnalyzeClasses(
    packages = "org.cvote.verifier",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /**
   * Each first-level package with its subpackages is one slice; the slices import each other
   * without a cycle.
   */
  @ArchTest
  static final ArchRule noCyclesBetweenModuleAreas =
      slices().matching("org.cvote.verifier.(*)..").should().beFreeOfCycles();

  /** Stricter: every single package (the module's root one included) is a slice of its own. */
  @ArchTest
  static final ArchRule noCyclesBetweenPackages =
      slices()
          .assignedFrom(
              new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass c) {
                  return c.getPackageName().startsWith("org.cvote.verifier")
                      ? SliceIdentifier.of(c.getPackageName())
                      : SliceIdentifier.ignore();
                }

                @Override
                public String getDescription() {
                  return "every package of org.cvote.verifier";
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
              "org.cvote.testkit..",
              "org.cvote.tools..")
          .because(
              "the independent verifier depends on crypto only, never on the server or committee whose output it checks");
}
