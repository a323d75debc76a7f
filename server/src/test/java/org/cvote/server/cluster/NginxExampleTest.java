package org.cvote.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reverse-proxy example of docs/deployment.md ({@code docs/nginx/cvote.conf}) is a
 * configuration nginx accepts ({@code nginx -t}), with a throw-away certificate in place of the
 * example's paths. Debian's nginx and openssl come from bin/lib/test-deps.sh.
 */
class NginxExampleTest {
  static final Path EXAMPLE = Path.of("../docs/nginx/cvote.conf");

  @Test
  void theExampleConfigurationPassesNginxCheck(@TempDir Path dir) throws Exception {
    String site = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    assertTrue(
        site.contains("X-Forwarded-For $remote_addr"),
        "the proxy overwrites the header cvote trusts");
    // credentials in query strings (?authority=, ?receipt=, ?code=, ?subjectCode=) never reach the
    // access log:
    // every access_log names the format that logs $uri, and that format has neither $request nor
    // the Referer
    String format =
        site.substring(
            site.indexOf("log_format cvote_noquery"),
            site.indexOf(";", site.indexOf("log_format cvote_noquery")));
    assertTrue(format.contains("$uri"), format);
    for (String leak :
        List.of(
            "$request ", "$request\"", "$request_uri", "$args", "$query_string", "$http_referer")) {
      assertTrue(!format.contains(leak), "the access log format logs " + leak);
    }
    List<String> logs =
        site.lines().map(String::strip).filter(l -> l.startsWith("access_log")).toList();
    assertEquals(
        3, logs.size(), logs.toString()); // port 80, port 443, and "off" for the ballot route
    for (String l : logs) {
      assertTrue(l.equals("access_log off;") || l.endsWith(" cvote_noquery;"), l);
    }
    run(
        dir,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=vote.example.org",
        "-keyout",
        dir.resolve("key.pem").toString(),
        "-out",
        dir.resolve("cert.pem").toString());
    Files.writeString(
        dir.resolve("site.conf"),
        site.replace(
                "/etc/letsencrypt/live/vote.example.org/fullchain.pem",
                dir.resolve("cert.pem").toString())
            .replace(
                "/etc/letsencrypt/live/vote.example.org/privkey.pem",
                dir.resolve("key.pem").toString())
            .replace(
                "/var/log/nginx/cvote-access.log", dir.resolve("cvote-access.log").toString()));
    Files.writeString(
        dir.resolve("nginx.conf"),
        String.join(
            "\n",
            "pid " + dir.resolve("nginx.pid") + ";",
            "error_log " + dir.resolve("error.log") + ";",
            "events {}",
            "http {",
            "    access_log " + dir.resolve("access.log") + ";",
            "    include " + dir.resolve("site.conf") + ";",
            "}",
            ""));
    String out =
        run(
            dir,
            nginx(),
            "-t",
            "-p",
            dir.toString(),
            "-c",
            dir.resolve("nginx.conf").toString(),
            "-e",
            dir.resolve("error.log").toString());
    assertTrue(out.contains("test is successful"), out);
  }

  private static String nginx() {
    for (String p : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "nginx not found; this test needs Debian's nginx package (bin/lib/test-deps.sh installs it)");
  }

  private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          cmd[0] + " cannot run (bin/lib/test-deps.sh installs it): " + e.getMessage(), e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(1, TimeUnit.MINUTES), String.join(" ", cmd));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
    return out;
  }
}
