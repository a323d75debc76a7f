package org.cvote.server;

/** Entry point of the server jar; its commands land with their issues. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("usage: cvote-server <command> [options]  (commands arrive with their issues)");
    }
}
