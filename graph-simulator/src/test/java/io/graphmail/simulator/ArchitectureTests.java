package io.graphmail.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.graphmail.testsupport.ArchitectureConventions;

@AnalyzeClasses(packages = "io.graphmail.simulator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** Every package is a slice of its own, so that the parts of a feature (identity's) have no cycle either. */
    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("io.graphmail.simulator.(**)").should().beFreeOfCycles();

    /** The mailbox is what every feature works on; it knows none of them. */
    @ArchTest
    static final ArchRule theMailboxDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("..simulator.mailbox..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "..simulator.messages..",
                    "..simulator.delta..",
                    "..simulator.sending..",
                    "..simulator.uploads..",
                    "..simulator.control..",
                    "..simulator.throttling..",
                    "..simulator.subscriptions..");

    /** Constructor injection only, and no package over 20 classes. */
    @ArchTest
    static final ArchTests conventions = ArchTests.in(ArchitectureConventions.class);
}
