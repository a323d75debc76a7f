package org.cvote.server.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The independent verifier accepts a record made before the closing statement (version 1: no
 * "version", no closing statement, no partial signatures; kept in the verifier's test resources,
 * made by {@code cvote demo --auto} of that time), applying V1–V11 only. Version 2 records are
 * checked by {@link PipelineTest} and {@link DemoProcessTest}.
 */
class SecondVerifierVersionsTest {
  @Test
  void aVersion1RecordIsStillAccepted() throws Exception {
    Path v1 = Path.of("../verifier/src/test/resources/records/v1-demo");
    assertTrue(Files.isRegularFile(v1.resolve("record.sig")), v1.toAbsolutePath().toString());
    SecondVerifier.accepts(v1);
  }
}
