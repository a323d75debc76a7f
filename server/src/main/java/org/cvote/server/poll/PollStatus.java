package org.cvote.server.poll;

/** draft → ceremony → ready → open → closed → tallied → published; never backwards. */
public enum PollStatus {
  DRAFT,
  CEREMONY,
  READY,
  OPEN,
  CLOSED,
  TALLIED,
  PUBLISHED
}
