package org.cvote.verifier;

/** Entry point of the verifier jar; its commands land with their issues. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("usage: cvote-verifier <command> [options]  (commands arrive with their issues)");
    }
}
