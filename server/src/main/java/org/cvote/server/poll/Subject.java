package org.cvote.server.poll;

/** A subject (person rated), indexed 1..S in manifest order. */
public record Subject(int index, String name, String position, String unit) {}
