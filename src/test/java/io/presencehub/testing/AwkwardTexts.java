package io.presencehub.testing;

import java.util.List;

/** Texts that broke or could break a hand-made stored format: its separators, line breaks, controls, scripts. */
public final class AwkwardTexts {

    /** Every awkward text, the empty one first. */
    public static final List<String> ALL = List.of("", " ", "plain", "a&b=c", "v=1", "v=2&x", "%41%", "+ +", "a,b,,",
            ",", "x\u001fy\u001f", "\u001f", "\u001e\u001d", "line 1\nline 2\r\nline 3\r", "\u0000nul\u0007bell\u001b[2J",
            "\u007f\u0080\u009f", "\t tab", "@#masknl#", "a/b/c", "{\"json\":true}", "\"quoted\" \\ backslash",
            "dGVzdA==", "ä Ünïcödé 日本語 😀 \u200b\ufeff", "x".repeat(5_000));

    private AwkwardTexts() {
    }
}
