package io.graphmail.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.TreeMap;

/**
 * The rules every application keeps, whatever its features: each one's {@code ArchitectureTests} includes them with
 * {@code @ArchTest static final ArchTests conventions = ArchTests.in(ArchitectureConventions.class);}.
 */
public final class ArchitectureConventions {

    /** Constructor injection only. */
    @ArchTest
    public static final ArchRule noFieldInjection = noClasses()
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired");

    /** A package with more classes holds more than one feature: split it into packages that read as features. */
    @ArchTest
    public static void noPackageHoldsMoreThanTwentyClasses(JavaClasses classes) {
        var crowded = classes.stream()
                .filter(JavaClass::isTopLevelClass)
                .collect(groupingBy(JavaClass::getPackageName, TreeMap::new, counting()));
        crowded.values().removeIf(count -> count <= 20);
        assertThat(crowded.keySet()).as("packages over 20 classes: %s", crowded).isEmpty();
    }
}
