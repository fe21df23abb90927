package io.graphmail.simulator;

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

    @ArchTest
    static final ArchRule noFieldInjection = noClasses()
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired");

    /** A package with more classes holds more than one feature: split it into packages that read as features. */
    @ArchTest
    static void noPackageHoldsMoreThanTwentyClasses(JavaClasses classes) {
        var crowded = classes.stream()
                .filter(JavaClass::isTopLevelClass)
                .collect(groupingBy(JavaClass::getPackageName, TreeMap::new, counting()));
        crowded.values().removeIf(count -> count <= 20);
        assertThat(crowded.keySet()).as("packages over 20 classes: %s", crowded).isEmpty();
    }
}
