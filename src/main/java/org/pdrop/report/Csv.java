package org.pdrop.report;

/** RFC 4180 fields: quoted only when they hold a comma, a quote or a line break. */
final class Csv {
    private Csv() {
    }

    static String field(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    static String row(Object... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(fields[i]));
        }
        return b.toString();
    }
}
