package org.cvote.committee;

/** Entry point of the committee jar; its commands land with their issues. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("usage: cvote-committee <command> [options]  (commands arrive with their issues)");
    }
}
