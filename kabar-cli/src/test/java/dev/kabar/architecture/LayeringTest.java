package dev.kabar.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the arrows of STYLE.md pointing one way: nothing above generate sees an NDArray. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // Any build folder name (parallel builds use target-*), so match on test-classes itself; the
        // core module's test helpers may also come as its -tests.jar.
        ImportOption mainOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        classes = new ClassFileImporter().withImportOption(mainOnly).importPackages("dev.kabar");
    }

    @Test
    void onlyTheNetworkAndTheEngineTouchTensors() {
        noClasses().that().resideOutsideOfPackages("dev.kabar.nn..", "dev.kabar.engine..", "dev.kabar.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl.ndarray..", "ai.djl.nn..")
                .because("above the engine the API speaks String and int[], never NDArray")
                .check(classes);
    }

    @Test
    void searchKnowsNothingOfArchitectures() {
        noClasses().that().resideInAPackage("dev.kabar.generate..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kabar.nn..", "dev.kabar.engine..", "dev.kabar.checkpoint..", "dev.kabar.cli..")
                .check(classes);
    }

    @Test
    void modelsKnowNothingOfSearchOrCommands() {
        noClasses().that().resideInAPackage("dev.kabar.nn..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kabar.generate..", "dev.kabar.engine..", "dev.kabar.cli..")
                .check(classes);
    }

    @Test
    void readersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("dev.kabar.checkpoint..", "dev.kabar.tokenize..", "dev.kabar.article..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kabar.nn..", "dev.kabar.generate..", "dev.kabar.engine..", "dev.kabar.cli..")
                .check(classes);
    }

    @Test
    void theCommandLineUsesTheEngineNotItsInsides() {
        noClasses().that().resideInAPackage("dev.kabar.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.kabar.nn..", "ai.djl..")
                .check(classes);
    }

    @Test
    void linguaStaysBehindTheLanguagePackage() {
        noClasses().that().resideOutsideOfPackage("dev.kabar.lang..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.pemistahl..")
                .because("one detector, built once per process, decides every sentence's language")
                .check(classes);
        classes().that().resideInAPackage("dev.kabar.lang..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.kabar.lang..", "java..", "com.github.pemistahl..")
                .because("sentence languages are a building block: strings in, decisions out")
                .check(classes);
    }
}
