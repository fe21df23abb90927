package io.graphmail.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.TreeMap;

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

    @ArchTest
    static final ArchRule noFieldInjection = noClasses()
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired");

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("io.graphmail.gateway.(*)..").should().beFreeOfCycles();

    /** Within a feature too: {@code webhooks.delivery} may use {@code webhooks.endpoints}, never the other way too. */
    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("io.graphmail.gateway.(**)").should().beFreeOfCycles();

    /** A package with more classes holds more than one feature: split it into packages that read as features. */
    @ArchTest
    static void noPackageHoldsMoreThanTwentyClasses(JavaClasses classes) {
        var crowded = classes.stream()
                .filter(JavaClass::isTopLevelClass)
                .collect(groupingBy(JavaClass::getPackageName, TreeMap::new, counting()));
        crowded.values().removeIf(count -> count <= 20);
        assertThat(crowded).as("packages over 20 classes").isEmpty();
    }

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
