package dev.directupload.bootstrap.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/** The dependency rules of the hexagon, for any root package (the product's, or a test fixture's). */
final class ArchitectureRules {

    private static final String[] FRAMEWORKS = {
        "io.micronaut..", "jakarta..", "javax.inject..", "com.aliyun..", "io.minio..", "java.sql..", "javax.sql.."
    };

    /** Every package the rules speak of; a rule over a package with no classes would pass silently. */
    static final List<String> MODULE_PACKAGES = List.of(
            ".domain",
            ".application.port.in",
            ".application.port.out",
            ".application.port.model",
            ".application.service",
            ".adapter.oss",
            ".adapter.minio",
            ".adapter.localstorage",
            ".adapter.persistence",
            ".adapter.web",
            ".adapter.wechat",
            ".adapter.redis",
            ".settings",
            ".bootstrap");

    private ArchitectureRules() {}

    /** The module packages under {@code root} of which not a single class was imported. */
    static List<String> packagesWithoutClasses(JavaClasses classes, String root) {
        return MODULE_PACKAGES.stream()
                .filter(pkg -> classes.stream().noneMatch(c -> (c.getPackageName() + ".").startsWith(root + pkg + ".")))
                .toList();
    }

    static List<ArchRule> all(String root) {
        return List.of(
                onion(root),
                coreIsFrameworkFree(root),
                domainUsesJdkOnly(root),
                portsDoNotDependOnServices(root),
                inPortsDoNotDependOnOutPorts(root),
                adaptersDoNotDependOnServices(root),
                settingsDependOnNoModule(root),
                nothingDependsOnBootstrap(root));
    }

    /** Domain at the centre, application around it, adapters outside and independent of each other. */
    static ArchRule onion(String root) {
        return onionArchitecture()
                .domainModels(root + ".domain..")
                .applicationServices(root + ".application..")
                .adapter("oss", root + ".adapter.oss..")
                .adapter("minio", root + ".adapter.minio..")
                .adapter("localstorage", root + ".adapter.localstorage..")
                .adapter("persistence", root + ".adapter.persistence..")
                .adapter("web", root + ".adapter.web..")
                .adapter("wechat", root + ".adapter.wechat..")
                .adapter("redis", root + ".adapter.redis..")
                .withOptionalLayers(true)
                .ignoreDependency(
                        com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(root + ".bootstrap.."))
                .ignoreDependency(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(root + ".bootstrap.."),
                        com.tngtech.archunit.base.DescribedPredicate.alwaysTrue());
    }

    static ArchRule coreIsFrameworkFree(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(root + ".domain..", root + ".application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORKS)
                .because("domain and application are plain Java; frameworks and SDKs live in adapters");
    }

    static ArchRule domainUsesJdkOnly(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("java..", root + ".domain..")
                .because("the domain depends on the JDK only");
    }

    static ArchRule portsDoNotDependOnServices(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".application.port..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".application.service..");
    }

    /** Use cases speak in domain types and shared port models, never in what they need from the outside. */
    static ArchRule inPortsDoNotDependOnOutPorts(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".application.port.in..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".application.port.out..")
                .because("models both sides share live in application.port.model");
    }

    static ArchRule adaptersDoNotDependOnServices(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".adapter..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".application.service..")
                .because("adapters talk to use-case interfaces and ports, never to their implementations");
    }

    /** The settings check is shared by every adapter, so it knows none of them, nor the core. */
    static ArchRule settingsDependOnNoModule(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + ".settings..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        root + ".domain..", root + ".application..", root + ".adapter..", root + ".bootstrap..")
                .because("adapters and bootstrap use the settings rules, never the other way round");
    }

    static ArchRule nothingDependsOnBootstrap(String root) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(root + ".bootstrap..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".bootstrap..");
    }
}
