package dev.kehu.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.all;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.axonframework.serialization.Revision;

import dev.kehu.events.EventType;
import dev.kehu.events.registry.EventTypes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The layout defends itself: the rules a reviewer would otherwise have to remember. Runs over the main
 * classes of every module (the infra test classpath holds them all).
 *
 * <ul>
 *   <li>Only events cross from one side to the other: command-side and query-side never import each other.</li>
 *   <li>Neither side imports infra: adapters are wired in by infra, never reached for.</li>
 *   <li>No two packages depend on each other, directly or through others.</li>
 *   <li>Events are forever: each is a record with a {@code @Revision} and an {@code @EventType} name, listed in
 *       {@code EventTypes} under that name, importing only the JDK and shared-events (and Axon's {@code @Revision}
 *       annotation itself).</li>
 *   <li>Rooms a newcomer can walk through: no package holds more than {@value #MAX_FILES_PER_PACKAGE} source
 *       files and no class more than {@value #MAX_LINES_PER_CLASS} lines, but for the named exceptions below.</li>
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

    /** The package of {@link EventTypes}, which refers to every event. */
    private static final String REGISTRY = EventTypes.class.getPackageName();

    /**
     * An event is a concrete type of an aggregate's event package that no other type there refers to; the
     * types events carry (values such as {@code Phone}, enums such as {@code Stage}) are referred to by
     * the events, and the interfaces (such as {@code CustomerLifecycleChanged}) are implemented by them. The
     * registry, which refers to every event, does not count.
     */
    static final DescribedPredicate<JavaClass> AN_EVENT = DescribedPredicate.describe("an event",
            type -> type.getPackageName().startsWith("dev.kehu.events.") && !type.getPackageName().equals(REGISTRY)
                    && !type.isInterface() && !type.isEnum() && type.isTopLevelClass()
                    && type.getDirectDependenciesToSelf().stream()
                            .map(dependency -> dependency.getOriginClass())
                            .noneMatch(origin -> origin != type && origin.getPackageName().startsWith("dev.kehu.events")
                                    && !origin.getPackageName().equals(REGISTRY)));

    @ArchTest
    static final ArchRule everyEventIsARecordWithARevision = classes()
            .that(AN_EVENT)
            .should().beRecords()
            .andShould().beAnnotatedWith(Revision.class)
            .andShould().beAnnotatedWith(EventType.class)
            .allowEmptyShould(false);

    /**
     * The serializer writes and reads an event under its registered name only ({@link EventTypes}): an event missing
     * from the registry could not be stored, and a registered class that is no event would claim a stored name.
     */
    @ArchTest
    static final ArchRule everyEventIsRegisteredUnderItsName = classes()
            .that(AN_EVENT)
            .should(new ArchCondition<JavaClass>("be listed in EventTypes under its @EventType name") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    Class<?> reflected = type.reflect();
                    String name = reflected.isAnnotationPresent(EventType.class)
                            ? reflected.getAnnotation(EventType.class).value() : null;
                    boolean registered = name != null && EventTypes.ALL.nameOf(reflected).equals(Optional.of(name))
                            && EventTypes.ALL.classOf(name).equals(Optional.of(reflected));
                    events.add(new SimpleConditionEvent(type, registered, type.getName()
                            + (registered ? " is registered as " : " is not registered in EventTypes as ") + name));
                }
            })
            .allowEmptyShould(false);

    @ArchTest
    static void theRegistryHoldsEventsOnlyAndRoundTrips(JavaClasses classes) {
        Set<String> events = classes.stream().filter(AN_EVENT).map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> registered = EventTypes.ALL.classes().stream().map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        org.assertj.core.api.Assertions.assertThat(registered).as("the classes EventTypes lists are the events")
                .isEqualTo(events);
        for (Class<?> type : EventTypes.ALL.classes()) {
            String name = EventTypes.ALL.nameOf(type).orElseThrow();
            org.assertj.core.api.Assertions.assertThat(EventTypes.ALL.classOf(name)).as(name).contains(type);
        }
        org.assertj.core.api.Assertions.assertThat(EventTypes.ALL.classes().stream()
                        .map(type -> EventTypes.ALL.nameOf(type).orElseThrow()).distinct().count())
                .as("one name per event").isEqualTo(EventTypes.ALL.classes().size());
    }

    @ArchTest
    static final ArchRule eventsImportOnlyTheJdkAndSharedEvents = classes()
            .that().resideInAPackage("dev.kehu.events..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "dev.kehu.events..")
                    .or(belongToAnyOf(Revision.class)));

    static final int MAX_FILES_PER_PACKAGE = 30;
    static final int MAX_LINES_PER_CLASS = 400;

    /** Packages allowed more than {@value #MAX_FILES_PER_PACKAGE} files, each with its reason. */
    static final Set<String> LARGE_PACKAGES = Set.of();

    /** Classes allowed more than {@value #MAX_LINES_PER_CLASS} lines, each with its reason. */
    static final Set<String> LONG_CLASSES = Set.of();

    /** The packages of the analysed main classes. */
    private static final AbstractClassesTransformer<JavaPackage> PACKAGES = new AbstractClassesTransformer<>("packages") {
        @Override
        public Iterable<JavaPackage> doTransform(JavaClasses classes) {
            return classes.stream().map(JavaClass::getPackage).collect(Collectors.toCollection(
                    () -> new TreeSet<>(java.util.Comparator.comparing(JavaPackage::getName))));
        }
    };

    /**
     * Every main source file of the repository by its path below {@code src/main/java}. The classes are analysed
     * from the classpath (jars in a reactor build), so their lines are counted in the sources of the checkout.
     */
    private static final Map<String, Path> SOURCES = mainSources();

    @ArchTest
    static final ArchRule noPackageHoldsMoreThan30Files = all(PACKAGES)
            .that(DescribedPredicate.describe("are not allowed more files",
                    (JavaPackage javaPackage) -> !LARGE_PACKAGES.contains(javaPackage.getName())))
            .should(new ArchCondition<JavaPackage>("hold at most " + MAX_FILES_PER_PACKAGE + " source files") {
                @Override
                public void check(JavaPackage javaPackage, ConditionEvents events) {
                    Set<String> files = sourceFilesOf(javaPackage);
                    events.add(new SimpleConditionEvent(javaPackage, files.size() <= MAX_FILES_PER_PACKAGE,
                            javaPackage.getName() + " holds " + files.size() + " source files"));
                }
            })
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule noClassIsLongerThan400Lines = classes()
            .that().areTopLevelClasses()
            .and(DescribedPredicate.describe("are not allowed more lines",
                    (JavaClass type) -> !LONG_CLASSES.contains(type.getName())))
            .should(new ArchCondition<JavaClass>("have at most " + MAX_LINES_PER_CLASS + " lines") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    Path file = SOURCES.get(sourcePath(type));
                    if (file == null) {
                        events.add(SimpleConditionEvent.violated(type, "no source file found for " + type.getName()));
                        return;
                    }
                    long lines = lineCount(file);
                    events.add(new SimpleConditionEvent(type, lines <= MAX_LINES_PER_CLASS,
                            type.getName() + " has " + lines + " lines (" + file + ")"));
                }
            })
            .allowEmptyShould(false);

    /** The source files (by name) of a package's classes: nested and anonymous classes share their file's. */
    private static Set<String> sourceFilesOf(JavaPackage javaPackage) {
        return javaPackage.getClasses().stream()
                .map(type -> type.getSource().flatMap(Source::getFileName).orElse(type.getSimpleName() + ".java"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Where a class's source sits below a {@code src/main/java}, e.g. {@code dev/kehu/infra/web/Problems.java}. */
    private static String sourcePath(JavaClass type) {
        String file = type.getSource().flatMap(Source::getFileName).orElse(type.getSimpleName() + ".java");
        return type.getPackageName().replace('.', '/') + "/" + file;
    }

    private static Map<String, Path> mainSources() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("shared-events"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("Not inside the Kehu checkout: " + Path.of("").toAbsolutePath());
        }
        Map<String, Path> sources = new java.util.HashMap<>();
        try (Stream<Path> near = Files.walk(root, 5)) { // modules and their sub-modules, not whatever lies in target/
            for (Path sourceRoot : near.filter(path -> path.endsWith(Path.of("src", "main", "java"))).toList()) {
                try (Stream<Path> files = Files.walk(sourceRoot)) {
                    files.filter(path -> path.toString().endsWith(".java"))
                            .forEach(path -> sources.putIfAbsent(sourceRoot.relativize(path).toString(), path));
                }
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lineCount(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
