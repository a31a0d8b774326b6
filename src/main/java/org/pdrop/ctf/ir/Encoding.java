package org.pdrop.ctf.ir;

/** Character encoding of integers and strings (CTF 1.8 §4.1.5 {@code encoding} attribute). */
public enum Encoding { NONE, UTF8, ASCII }
