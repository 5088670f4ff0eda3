package dev.directupload.bootstrap.archunit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The product's classes obey the dependency rules; the rules catch a deliberately broken fixture. */
class DependencyRuleTest {

    private static final String ROOT = "dev.directupload";
    private static final String FIXTURE = "dev.directupload.archfixture";
    private static JavaClasses product;
    private static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        fixture = new ClassFileImporter().importPackages(FIXTURE);
    }

    static Stream<ArchRule> productRules() {
        return ArchitectureRules.all(ROOT).stream();
    }

    @Test
    void theProductHasClassesInEveryPackageTheRulesNameSoNoRuleRunsOverNothing() {
        assertThat(ArchitectureRules.packagesWithoutClasses(product, ROOT)).isEmpty();
    }

    @Test
    void aModulePackageWithoutClasses_isReported() {
        assertThat(ArchitectureRules.packagesWithoutClasses(fixture, FIXTURE))
                .contains(".adapter.minio", ".adapter.persistence", ".application.port.model")
                .doesNotContain(".domain", ".adapter.oss", ".application.port.in");
    }

    @Test
    void anInPortUsingAnOutPort_isReported() {
        assertThat(ArchitectureRules.inPortsDoNotDependOnOutPorts(FIXTURE)
                        .evaluate(fixture)
                        .getFailureReport()
                        .getDetails())
                .anySatisfy(line -> assertThat(line).contains("LeakyUseCase").contains("SavePort"));
        assertThat(ArchitectureRules.inPortsDoNotDependOnOutPorts(ROOT)
                        .evaluate(product)
                        .hasViolation())
                .isFalse();
    }

    @ParameterizedTest
    @MethodSource("productRules")
    void theProductObeys(ArchRule rule) {
        rule.check(product);
    }

    @Test
    void aDomainClassImportingMicronaut_isReported() {
        EvaluationResult result = ArchitectureRules.coreIsFrameworkFree(FIXTURE).evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(
                        line -> assertThat(line).contains("FrameworkInDomain").contains("io.micronaut"));
        assertThat(ArchitectureRules.domainUsesJdkOnly(FIXTURE)
                        .evaluate(fixture)
                        .hasViolation())
                .isTrue();
    }

    @Test
    void anAdapterUsingAnotherAdapter_isReported() {
        EvaluationResult result = ArchitectureRules.onion(FIXTURE).evaluate(fixture);
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("WebUsesOss"));
    }

    @Test
    void anAdapterUsingAServiceClass_isReported() {
        EvaluationResult result =
                ArchitectureRules.adaptersDoNotDependOnServices(FIXTURE).evaluate(fixture);
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("WebUsesOss").contains("SomeService"));
    }

    @Test
    void aPortDependingOnAService_andAnythingOnBootstrap_areReported() {
        assertThat(ArchitectureRules.portsDoNotDependOnServices(FIXTURE)
                        .evaluate(fixture)
                        .getFailureReport()
                        .getDetails())
                .anySatisfy(line -> assertThat(line).contains("LeakyPort"));
        assertThat(ArchitectureRules.nothingDependsOnBootstrap(FIXTURE)
                        .evaluate(fixture)
                        .getFailureReport()
                        .getDetails())
                .anySatisfy(line -> assertThat(line).contains("FixtureWiring"));
    }

    @Test
    void theSettingsCheckUsingAnAdapter_isReported() {
        assertThat(ArchitectureRules.settingsDependOnNoModule(FIXTURE)
                        .evaluate(fixture)
                        .getFailureReport()
                        .getDetails())
                .anySatisfy(line ->
                        assertThat(line).contains("SettingsUsingAdapter").contains("OssThing"));
    }
}
