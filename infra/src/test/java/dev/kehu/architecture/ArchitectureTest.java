package dev.kehu.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.axonframework.serialization.Revision;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout defends itself: the rules a reviewer would otherwise have to remember. Runs over the main
 * classes of every module (the infra test classpath holds them all).
 *
 * <ul>
 *   <li>Only events cross from one side to the other: command-side and query-side never import each other.</li>
 *   <li>Neither side imports infra: adapters are wired in by infra, never reached for.</li>
 *   <li>No two packages depend on each other, directly or through others.</li>
 *   <li>Events are forever: each is a record with a {@code @Revision}, importing only the JDK and
 *       shared-events (and Axon's {@code @Revision} annotation itself).</li>
 * </ul>
 */
@AnalyzeClasses(packages = "dev.kehu",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /** The query-side test harness reaches the infra tests as a {@code -tests.jar}; it is test code too. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule commandSideDoesNotImportTheQuerySide = noClasses()
            .that().resideInAPackage("dev.kehu.command..")
            .should().dependOnClassesThat().resideInAPackage("dev.kehu.query..");

    @ArchTest
    static final ArchRule querySideDoesNotImportTheCommandSide = noClasses()
            .that().resideInAPackage("dev.kehu.query..")
            .should().dependOnClassesThat().resideInAPackage("dev.kehu.command..");

    @ArchTest
    static final ArchRule neitherSideImportsInfra = noClasses()
            .that().resideInAnyPackage("dev.kehu.command..", "dev.kehu.query..", "dev.kehu.events..")
            .should().dependOnClassesThat().resideInAPackage("dev.kehu.infra..");

    @ArchTest
    static final ArchRule noPackageCycles = slices()
            .matching("dev.kehu.(**)")
            .should().beFreeOfCycles();

    /**
     * An event is a concrete type of an aggregate's event package that no other type there refers to; the
     * types events carry (values such as {@code Phone}, enums such as {@code Stage}) are referred to by
     * the events, and the interfaces (such as {@code CustomerLifecycleChanged}) are implemented by them.
     */
    static final DescribedPredicate<JavaClass> AN_EVENT = DescribedPredicate.describe("an event",
            type -> !type.isInterface() && !type.isEnum() && type.isTopLevelClass()
                    && type.getDirectDependenciesToSelf().stream()
                            .map(dependency -> dependency.getOriginClass())
                            .noneMatch(origin -> origin != type && origin.getPackageName().startsWith("dev.kehu.events")));

    @ArchTest
    static final ArchRule everyEventIsARecordWithARevision = classes()
            .that().resideInAPackage("dev.kehu.events.*..")
            .and(AN_EVENT)
            .should().beRecords()
            .andShould().beAnnotatedWith(Revision.class)
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule eventsImportOnlyTheJdkAndSharedEvents = classes()
            .that().resideInAPackage("dev.kehu.events..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "dev.kehu.events..")
                    .or(belongToAnyOf(Revision.class)));
}
