package org.cvote.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: no production jar contains a fixture or bench class. Looks into every jar or classes
 * folder on the class path that holds a production module's classes (the module's own output, and
 * any shaded jar carrying it), and into the shaded launcher jars bin/ runs when they have been
 * built; the same look into the tools and testkit finds their benches and fixtures, so the check
 * can fail.
 */
class ProductionJarsTest {

  /** One class of each production module, to find where that module's classes are. */
  private static final Map<String, Class<?>> PRODUCTION = new LinkedHashMap<>();

  static {
    PRODUCTION.put("crypto", org.cvote.crypto.group.Point.class);
    PRODUCTION.put("committee", org.cvote.committee.CommitteeException.class);
    PRODUCTION.put("verifier", org.cvote.verifier.Main.class);
    PRODUCTION.put("server", org.cvote.server.Main.class);
  }

  /**
   * A class a production jar must not carry: a fixture, a bench, or anything of the testkit or
   * tools modules.
   */
  static boolean testOrTool(String className) {
    String pkg = className.contains(".") ? className.substring(0, className.lastIndexOf('.')) : "";
    String simple = className.substring(className.lastIndexOf('.') + 1);
    String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
    return outer.contains("Fixture")
        || outer.contains("Bench")
        || ("." + pkg + ".").contains(".bench.")
        || pkg.startsWith("org.cvote.testkit")
        || pkg.startsWith("org.cvote.tools");
  }

  /** The names of the org.cvote classes in a classes folder or jar. */
  static List<String> classes(Path location) throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        files
            .filter(f -> f.toString().endsWith(".class"))
            .forEach(f -> names.add(name(location.relativize(f).toString().replace('\\', '/'))));
      }
    } else {
      try (ZipFile zip = new ZipFile(location.toFile())) {
        Collections.list(zip.entries()).stream()
            .filter(e -> e.getName().endsWith(".class"))
            .forEach(e -> names.add(name(e.getName())));
      }
    }
    names.removeIf(n -> !n.startsWith("org.cvote."));
    return names;
  }

  private static String name(String entry) {
    String n =
        entry.startsWith("META-INF/versions/")
            ? entry.replaceFirst("^META-INF/versions/[0-9]+/", "")
            : entry;
    return n.substring(0, n.length() - ".class".length()).replace('/', '.');
  }

  static Path location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every jar or classes folder on the class path that holds one of the production modules'
   * classes: the module's own output and any shaded jar that carries it (in the reactor, the
   * server's artifact is its shaded jar).
   */
  static Set<Path> productionLocations() throws IOException {
    Set<Path> found = new LinkedHashSet<>();
    ClassLoader loader = ProductionJarsTest.class.getClassLoader();
    for (Map.Entry<String, Class<?>> m : PRODUCTION.entrySet()) {
      String resource = m.getValue().getName().replace('.', '/') + ".class";
      List<URL> copies = Collections.list(loader.getResources(resource));
      assertFalse(copies.isEmpty(), m.getKey());
      for (URL u : copies) {
        Path root = root(u, resource);
        assertFalse(
            root.toString().contains("test-classes")
                || root.getFileName().toString().endsWith("-tests.jar"),
            m.getKey() + " resolved to a test output: " + root);
        found.add(root);
      }
    }
    return found;
  }

  private static Path root(URL url, String resource) {
    try {
      String s = url.toString();
      if (s.startsWith("jar:")) {
        return Path.of(new URI(s.substring("jar:".length(), s.indexOf("!/"))));
      }
      String dir = s.substring(0, s.length() - resource.length());
      return Path.of(new URI(dir));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(url.toString(), e);
    }
  }

  @Test
  void noProductionModuleCarriesAFixtureOrBenchClass() throws IOException {
    Set<Path> locations = productionLocations();
    assertTrue(locations.size() >= PRODUCTION.size(), locations.toString());
    for (Path where : locations) {
      List<String> all = classes(where);
      assertTrue(all.size() > 20, "only " + all.size() + " classes in " + where);
      assertEquals(
          List.of(),
          all.stream().filter(ProductionJarsTest::testOrTool).toList(),
          where.toString());
    }
  }

  @Test
  void theLaunchersJarsCarryNoneEitherWhenBuilt() throws IOException {
    // the shaded jars bin/cvote and bin/cvote-verify run; present once the modules are packaged
    // (bin/test's install)
    Path root = location(org.cvote.server.Main.class);
    while (root != null && !Files.exists(root.resolve("tools").resolve("pom.xml"))) {
      root = root.getParent();
    }
    if (root == null) {
      return; // server from the local Maven repository, outside the source tree: nothing to look at
    }
    for (Path jar :
        List.of(
            root.resolve("server/target/cvote-server.jar"),
            root.resolve("verifier/target/cvote-verify.jar"))) {
      if (!Files.exists(jar)) {
        continue;
      }
      List<String> all = classes(jar);
      assertTrue(all.size() > 100, jar + ": only " + all.size() + " classes");
      assertEquals(
          List.of(), all.stream().filter(ProductionJarsTest::testOrTool).toList(), jar.toString());
    }
  }

  @Test
  void theSameLookFindsTheBenchesAndFixturesWhereTheyBelong() throws IOException {
    List<String> tools = classes(location(org.cvote.tools.bench.Bench.class));
    assertTrue(tools.contains("org.cvote.tools.bench.CryptoBench"), tools.toString());
    assertTrue(
        tools.stream().filter(ProductionJarsTest::testOrTool).count() == tools.size(),
        tools.toString());
    List<String> testkit = classes(location(org.cvote.testkit.fixture.ElectionFixture.class));
    assertTrue(testkit.contains("org.cvote.testkit.fixture.ElectionFixture"), testkit.toString());
    assertTrue(testOrTool("org.cvote.crypto.record.ElectionFixture$Spec"));
    assertTrue(testOrTool("org.cvote.server.bench.Http"));
    assertFalse(testOrTool("org.cvote.server.demo.DemoRunner"));
    assertFalse(testOrTool("org.cvote.crypto.proof.BatchVerifier"));
  }
}
