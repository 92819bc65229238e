package io.pinflow.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domain model and its services are plain Java. Only the JDBC adapters in {@code
 * io.pinflow.domain.jdbc} may use Spring (JDBC, transactions, wiring); nothing in the module may
 * know the workflow engine, Camel or the web layer.
 */
@AnalyzeClasses(
    packages = "io.pinflow.domain",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainLogicHasNoSpring =
      noClasses()
          .that()
          .resideInAPackage("io.pinflow.domain..")
          .and()
          .resideOutsideOfPackage("io.pinflow.domain.jdbc..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..")
          .because("the domain model must not depend on a framework");

  @ArchTest
  static final ArchRule domainKnowsNoEngineCamelOrWeb =
      noClasses()
          .that()
          .resideInAPackage("io.pinflow.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.camunda..",
              "org.apache.camel..",
              "jakarta.servlet..",
              "org.springframework.web..",
              "org.springframework.http..")
          .because("workers and connectors adapt the engine, Camel and HTTP to the domain");

  @ArchTest
  static final ArchRule domainModelDoesNotReachIntoAdapters =
      noClasses()
          .that()
          .resideInAPackage("io.pinflow.domain..")
          .and()
          .resideOutsideOfPackage("io.pinflow.domain.jdbc..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.pinflow.domain.jdbc..");
}
