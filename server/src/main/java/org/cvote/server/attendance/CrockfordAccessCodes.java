package org.cvote.server.attendance;

import java.security.SecureRandom;

/**
 * 80-bit codes in Crockford base32 (16 symbols) plus Crockford's mod-37 check symbol, shown as
 * {@code XXXX-XXXX-XXXX-XXXX-C}. Typing errors are caught by the check symbol before any lookup.
 */
public final class CrockfordAccessCodes implements AccessCodes {
    private static final String SYMBOLS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final String CHECK = SYMBOLS + "*~$=U";
    private static final int DATA = 16;
    private final SecureRandom random = new SecureRandom();

    @Override
    public String generate() {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < DATA; i++) data.append(SYMBOLS.charAt(random.nextInt(32)));
        String canonical = data.toString() + check(data);
        return canonical.substring(0, 4) + "-" + canonical.substring(4, 8) + "-" + canonical.substring(8, 12)
                + "-" + canonical.substring(12, 16) + "-" + canonical.substring(16);
    }

    @Override
    public String canonical(String typed) {
        if (typed == null) throw new IllegalArgumentException("missing");
        StringBuilder sb = new StringBuilder();
        for (char ch : typed.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (ch == '-' || ch == ' ') continue;
            if (ch == 'O') ch = '0';
            if (ch == 'I' || ch == 'L') ch = '1';
            sb.append(ch);
        }
        if (sb.length() != DATA + 1) throw new IllegalArgumentException("an access code has " + (DATA + 1) + " characters");
        String data = sb.substring(0, DATA);
        for (char ch : data.toCharArray()) {
            if (SYMBOLS.indexOf(ch) < 0) throw new IllegalArgumentException("invalid character in access code");
        }
        if (check(data) != sb.charAt(DATA)) throw new IllegalArgumentException("check character does not match: mistyped code");
        return sb.toString();
    }

    private static char check(CharSequence data) {
        int mod = 0;
        for (int i = 0; i < data.length(); i++) {
            mod = (mod * 32 + SYMBOLS.indexOf(data.charAt(i))) % 37;
        }
        return CHECK.charAt(mod);
    }
}
