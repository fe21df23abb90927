package io.graphmail.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.graphmail.testsupport.ArchitectureConventions;

@AnalyzeClasses(packages = "io.graphmail.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    private static final String[] FEATURES = {
        "..gateway.send..",
        "..gateway.batches..",
        "..gateway.deadletters..",
        "..gateway.legacy..",
        "..gateway.reconciling..",
        "..gateway.mail..",
        "..gateway.accounts..",
        "..gateway.attachments..",
        "..gateway.messages..",
        "..gateway.sync..",
        "..gateway.webhooks..",
        "..gateway.notifications..",
        "..gateway.suppressions..",
        "..gateway.ratelimits..",
        "..gateway.idempotency..",
        "..gateway.templates.."
    };

    @ArchTest
    static final ArchRule sharedAdaptersDoNotDependOnFeatures = noClasses()
            .that()
            .resideInAnyPackage("..gateway.messaging..", "..gateway.security..", "..gateway.paging..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FEATURES);

    @ArchTest
    static final ArchRule gatewayNeverCallsGraphItself = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.microsoft.graph..", "io.graphmail.worker..");

    /** Constructor injection only, and no package over 20 classes. */
    @ArchTest
    static final ArchTests conventions = ArchTests.in(ArchitectureConventions.class);

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("io.graphmail.gateway.(*)..").should().beFreeOfCycles();

    /** Within a feature too: {@code webhooks.delivery} may use {@code webhooks.endpoints}, never the other way too. */
    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("io.graphmail.gateway.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule securityDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("..gateway.security..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FEATURES)
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("..gateway.web..");

    /** The problem advice and filters are generic: feature errors carry their own problem. */
    @ArchTest
    static final ArchRule webDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("..gateway.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FEATURES);
}
