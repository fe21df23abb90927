package io.graphmail.worker;

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

@AnalyzeClasses(packages = "io.graphmail.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule adaptersDoNotDependOnFeatures = noClasses()
            .that()
            .resideInAnyPackage("..worker.graph..", "..worker.messaging..", "..worker.accounts..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..worker.send..", "..worker.sync..", "..worker.push..", "..worker.bounces..");

    @ArchTest
    static final ArchRule noFieldInjection = noClasses()
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired");

    @ArchTest
    static final ArchRule featuresAndAdaptersAreFreeOfCycles =
            slices().matching("io.graphmail.worker.(*)..").should().beFreeOfCycles();

    /** Within a feature too: {@code send} uses its deliveries, parking and batches, never the other way round. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("io.graphmail.worker.(**)").should().beFreeOfCycles();

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
