package org.latentatlas.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The architecture rules of DESIGN.md, checked on the compiled classes of every module: no cycles
 * between packages, {@code geometry} never depends on {@code learn}, the numeric kernels use no
 * validation helpers (and neither the validating manifolds nor {@code learn}), {@code graph} and
 * {@code spectral} stay independent, and the root packages hold interfaces only. Each rule is also
 * run on a deliberate violation under {@code archfixture}, to show that it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {

  private static final String ROOT = "org.latentatlas";

  private JavaClasses library;
  private JavaClasses fixtures;

  @BeforeAll
  void importClasses() {
    // Main classes only: the modules' classes folders or jars, never test classes or the
    // contract test-jar of geometry.
    ImportOption mainOnly = location -> !location.contains("-tests.jar");
    library =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(mainOnly)
            .importPackages(ROOT);
    fixtures = new ClassFileImporter().importPackages(ROOT + ".examples.archfixture");
  }

  static ArchRule noPackageCycles(String root) {
    return slices().matching(root + ".(**)").should().beFreeOfCycles();
  }

  static ArchRule geometryDoesNotDependOnLearn() {
    return noClasses()
        .that()
        .resideInAPackage(ROOT + ".geometry..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".learn..");
  }

  static ArchRule kernelsUseNoValidationNorLearn(String kernelPackage) {
    return noClasses()
        .that()
        .resideInAPackage(kernelPackage)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".geometry.util..", ROOT + ".geometry.manifold..", ROOT + ".learn..")
        .because("kernels are unvalidated numeric code called by the validating layers");
  }

  static ArchRule graphDoesNotDependOnSpectral() {
    return noClasses()
        .that()
        .resideInAPackage(ROOT + ".graph..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".spectral..");
  }

  static ArchRule spectralDoesNotDependOnGraph() {
    return noClasses()
        .that()
        .resideInAPackage(ROOT + ".spectral..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".graph..");
  }

  static ArchRule interfacesOnlyAtTheRoot() {
    return classes()
        .that()
        .resideInAnyPackage(ROOT + ".geometry", ROOT + ".learn")
        .and()
        .areNotNestedClasses()
        .should()
        .beInterfaces();
  }

  @Test
  void theLibraryIsImported() {
    assertTrue(
        library.stream().anyMatch(c -> c.getName().equals(ROOT + ".geometry.kernel.Vectors")),
        "the geometry classes are on the class path");
    assertTrue(
        library.stream().anyMatch(c -> c.getName().equals(ROOT + ".learn.autodiff.Tensor")),
        "the learn classes are on the class path");
  }

  @Test
  void noCyclesBetweenPackages() {
    noPackageCycles(ROOT).check(library);
  }

  @Test
  void geometryNeverImportsLearn() {
    geometryDoesNotDependOnLearn().check(library);
  }

  @Test
  void kernelsImportNoValidationHelpersAndNothingFromLearn() {
    kernelsUseNoValidationNorLearn(ROOT + ".geometry.kernel..").check(library);
  }

  @Test
  void graphAndSpectralDoNotDependOnEachOther() {
    graphDoesNotDependOnSpectral().check(library);
    spectralDoesNotDependOnGraph().check(library);
  }

  @Test
  void rootPackagesHoldInterfacesOnly() {
    interfacesOnlyAtTheRoot().check(library);
  }

  @Test
  void aKernelThatValidatesFailsTheKernelRule() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                kernelsUseNoValidationNorLearn(ROOT + ".examples.archfixture.kernel..")
                    .check(fixtures));
    assertTrue(e.getMessage().contains("ValidatingKernel"), e.getMessage());
    assertTrue(e.getMessage().contains("Checks"), e.getMessage());
    assertTrue(e.getMessage().contains("Tensor"), e.getMessage());
  }

  @Test
  void aPackageCycleFailsTheCycleRule() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> noPackageCycles(ROOT + ".examples.archfixture.cycle").check(fixtures));
    assertTrue(e.getMessage().contains("Cycle"), e.getMessage());
  }
}
