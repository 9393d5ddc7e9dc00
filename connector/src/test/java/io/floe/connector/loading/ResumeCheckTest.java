package io.floe.connector.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.connector.loading.ResumeCheck.Verdict;
import org.junit.jupiter.api.Test;

class ResumeCheckTest {
  @Test
  void aPartitionWithNothingStagedAcceptsEverything() {
    ResumeCheck c = new ResumeCheck(-1);
    assertEquals(Verdict.ACCEPT, c.check(0));
  }

  @Test
  void recordsAtTheResumePointConfirmIt() {
    ResumeCheck c = new ResumeCheck(50);
    assertEquals(Verdict.ACCEPT, c.check(50));
    c.batchEnded();
    assertEquals(Verdict.ACCEPT, c.check(3), "later offsets are the writer's to judge");
  }

  @Test
  void aBatchFromBeforeTheSeekIsDroppedAndTheSeekAskedForAgain() {
    ResumeCheck c = new ResumeCheck(50);
    assertEquals(Verdict.SEEK_AGAIN, c.check(40));
    assertEquals(Verdict.DROP, c.check(49));
    assertEquals(Verdict.DROP, c.check(50), "still from before the seek");
    c.batchEnded();
    assertEquals(Verdict.ACCEPT, c.check(50));
  }

  @Test
  void offsetsStillBelowTheResumePointAfterTheSeekRestarted() {
    ResumeCheck c = new ResumeCheck(50);
    assertEquals(Verdict.SEEK_AGAIN, c.check(0));
    c.batchEnded();
    c.batchEnded();
    assertEquals(Verdict.RESTARTED, c.check(0));
    assertEquals(Verdict.ACCEPT, c.check(1));
  }
}
