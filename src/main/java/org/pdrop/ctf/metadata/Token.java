package org.pdrop.ctf.metadata;

/**
 * One lexical element of TSDL (CTF 1.8 §C.1): a keyword, identifier, constant, string literal or
 * punctuator, with the position of its first character.
 *
 * @param text  identifier or keyword spelling, decoded string literal value, or punctuator text
 * @param value for {@link Kind#INTEGER}: the value as 64 unsigned bits
 * @param line  1-based
 * @param column 1-based, in characters
 */
record Token(Kind kind, String text, long value, int line, int column) {

    /** Token kinds; keywords are the reserved words of CTF 1.8 §C.1.2. */
    enum Kind {
        IDENTIFIER, INTEGER, STRING, CHARACTER,
        LBRACKET("["), RBRACKET("]"), LPAREN("("), RPAREN(")"), LBRACE("{"), RBRACE("}"), ARROW("->"),
        STAR("*"), PLUS("+"), MINUS("-"), LT("<"), GT(">"), TYPE_ASSIGN(":="), COLON(":"), SEMICOLON(";"),
        ELLIPSIS("..."), DOT("."), EQUAL("="), COMMA(","),
        ALIGN("align"), CALLSITE("callsite"), CONST("const"), CHAR("char"), CLOCK("clock"), DOUBLE("double"),
        ENUM("enum"), ENV("env"), EVENT("event"), FLOATING_POINT("floating_point"), FLOAT("float"),
        INTEGER_KW("integer"), INT("int"), LONG("long"), SHORT("short"), SIGNED("signed"), STREAM("stream"),
        STRING_KW("string"), STRUCT("struct"), TRACE("trace"), TYPEALIAS("typealias"), TYPEDEF("typedef"),
        UNSIGNED("unsigned"), VARIANT("variant"), VOID("void"), BOOL("_Bool"), COMPLEX("_Complex"),
        IMAGINARY("_Imaginary"),
        EOF;

        private final String spelling;

        Kind() {
            this.spelling = null;
        }

        Kind(String spelling) {
            this.spelling = spelling;
        }

        /** The fixed spelling of a punctuator or keyword, or null for the other kinds. */
        String spelling() {
            return spelling;
        }

        boolean isKeyword() {
            return ordinal() >= ALIGN.ordinal() && ordinal() <= IMAGINARY.ordinal();
        }
    }
}
