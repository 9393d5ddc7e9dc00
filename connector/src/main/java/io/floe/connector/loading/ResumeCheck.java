package io.floe.connector.loading;

/**
 * Tells apart, for one partition, the two reasons Kafka delivers an offset below where Floe asked
 * it to resume (just past what is staged): records from before Floe's seek took effect, which are
 * already staged and must be dropped, and offsets that restarted below what is staged (the topic
 * was deleted and re-created, the data comes from another cluster), which must not be dropped.
 *
 * <p>The task cannot see when its seek takes effect. Current workers apply a seek requested in
 * open() right after it, inside the rebalance callback; older ones only at their next poll, so the
 * first batch may still come from the committed offset. A seek requested during put() always takes
 * effect before the next batch is fetched. So the first offset below the resume point is dropped,
 * with the rest of its batch, and the seek is asked for again; if the first record of a later batch
 * is still below the resume point, Kafka has no records where Floe resumes: the offsets restarted.
 * (Kafka falls back to {@code auto.offset.reset} when the resume point is past the end of the
 * partition.)
 */
public final class ResumeCheck {
  /** What to do with a record, by its offset. */
  public enum Verdict {
    /** At or past the resume point, or the resume point was confirmed earlier. */
    ACCEPT,
    /** Before a seek took effect: drop it, Kafka delivers it again after the seek. */
    DROP,
    /** Drop it and ask Kafka to seek to the resume point again, which confirms it next batch. */
    SEEK_AGAIN,
    /** The offsets restarted below what is staged. */
    RESTARTED
  }

  private enum State {
    UNCONFIRMED,
    SEEKING,
    SOUGHT,
    CONFIRMED
  }

  private final long resumeAt;
  private State state;

  /** {@code resumeAt} is where Floe asked Kafka to resume, or -1 when it asked nothing. */
  public ResumeCheck(long resumeAt) {
    this(resumeAt, resumeAt < 0 ? State.CONFIRMED : State.UNCONFIRMED);
  }

  private ResumeCheck(long resumeAt, State state) {
    this.resumeAt = resumeAt;
    this.state = state;
  }

  /**
   * For a seek to {@code resumeAt} asked for during put() (a channel was reopened, say): the rest
   * of the batch is dropped, and the next batch confirms the seek or shows the offsets restarted.
   */
  public static ResumeCheck seekingDuringPut(long resumeAt) {
    return new ResumeCheck(resumeAt, State.SEEKING);
  }

  public long resumeAt() {
    return resumeAt;
  }

  public Verdict check(long offset) {
    switch (state) {
      case CONFIRMED:
        return Verdict.ACCEPT;
      case SEEKING:
        // The rest of a batch read from where the consumer was before the seek (possibly past the
        // resume point): it is delivered again after the seek.
        return Verdict.DROP;
      case UNCONFIRMED:
        if (offset >= resumeAt) {
          state = State.CONFIRMED;
          return Verdict.ACCEPT;
        }
        state = State.SEEKING;
        return Verdict.SEEK_AGAIN;
      case SOUGHT:
      default:
        state = State.CONFIRMED;
        return offset >= resumeAt ? Verdict.ACCEPT : Verdict.RESTARTED;
    }
  }

  /**
   * False while a seek Floe asked for again has not been confirmed: records Connect counts as
   * consumed may then have been dropped here, to be delivered again.
   */
  public boolean settled() {
    return state == State.UNCONFIRMED || state == State.CONFIRMED;
  }

  /** The task's put() returned: a seek asked for during it takes effect before the next batch. */
  public void batchEnded() {
    if (state == State.SEEKING) {
      state = State.SOUGHT;
    }
  }
}
