package io.graphmail.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.graphmail.contract", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule contractsDependOnlyOnTheJdk =
            classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.graphmail.contract..");

    @ArchTest
    static final ArchRule messagesAreRecords = classes()
            .that()
            .resideInAPackage("io.graphmail.contract.send")
            .and()
            .areTopLevelClasses()
            .should()
            .beRecords();
}
