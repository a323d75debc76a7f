package org.cvote.server.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cvote.server.roster.Quorum;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuorumTest {
  @ParameterizedTest
  @CsvSource({
    "40,27,true",
    "40,26,false",
    "3,2,true",
    "3,1,false",
    "30,20,true",
    "30,19,false",
    "0,0,false",
    "1,1,true"
  })
  void twoThirdsInIntegers(int summoned, int present, boolean met) {
    assertEquals(met, new Quorum(summoned, present, present).met());
    assertEquals(summoned - present, new Quorum(summoned, present, present).absentFromStart());
  }

  @ParameterizedTest
  @CsvSource({"40,27,26,false", "40,28,27,true", "3,3,2,true", "3,3,1,false"})
  void thoseWhoLeftAreNotCounted(int summoned, int present, int stillThere, boolean met) {
    assertEquals(met, new Quorum(summoned, present, stillThere).met());
  }
}
