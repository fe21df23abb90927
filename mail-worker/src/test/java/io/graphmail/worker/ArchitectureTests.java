package io.graphmail.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.graphmail.testsupport.ArchitectureConventions;

@AnalyzeClasses(packages = "io.graphmail.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule adaptersDoNotDependOnFeatures = noClasses()
            .that()
            .resideInAnyPackage("..worker.graph..", "..worker.messaging..", "..worker.accounts..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..worker.send..", "..worker.sync..", "..worker.push..", "..worker.bounces..");

    /** Constructor injection only, and no package over 20 classes. */
    @ArchTest
    static final ArchTests conventions = ArchTests.in(ArchitectureConventions.class);

    @ArchTest
    static final ArchRule featuresAndAdaptersAreFreeOfCycles =
            slices().matching("io.graphmail.worker.(*)..").should().beFreeOfCycles();

    /** Within a feature too: {@code send} uses its deliveries, parking and batches, never the other way round. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("io.graphmail.worker.(**)").should().beFreeOfCycles();
}
