package org.latentatlas.geometry.io;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of an NPY file: element type and byte order, memory order and shape, with a strict
 * parser of the Python dictionary literal it is stored as and a writer that produces the bytes
 * NumPy's {@code np.save} produces.
 *
 * <p>The parser accepts exactly the literals NumPy writes and reads: a dict with the keys {@code
 * 'descr'} (a string), {@code 'fortran_order'} ({@code True} or {@code False}) and {@code 'shape'}
 * (a tuple of integers), in any order, with single or double quotes, free whitespace, an optional
 * trailing comma and Python 2 long suffixes ({@code 3L}). Anything else is an {@link
 * IllegalArgumentException} starting "malformed NPY header".
 */
final class NpyHeader {

  /** NumPy's spare room after the dict so the first dimension can grow in place. */
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;

  /** Data start alignment of NumPy's writer. */
  private static final int ARRAY_ALIGN = 64;

  final DType dtype;
  final ByteOrder order;
  final boolean fortranOrder;
  final int[] shape;
  final int elementCount;

  private NpyHeader(DType dtype, ByteOrder order, boolean fortranOrder, int[] shape) {
    this.dtype = dtype;
    this.order = order;
    this.fortranOrder = fortranOrder;
    this.shape = shape;
    this.elementCount = Shapes.elementCount(shape);
  }

  /** Returns the number of data bytes the header describes. */
  long dataBytes() {
    return (long) elementCount * dtype.itemSize();
  }

  /** Returns the header's descriptor in the file's byte order, for messages. */
  String descr() {
    return dtype.descr(order);
  }

  // ---------------------------------------------------------------- writing

  /**
   * Returns the complete prefix NumPy writes before the data: magic, version, header length and
   * the padded dict, so that the data starts at a multiple of 64 bytes. Version 1.0 unless the
   * header needs more than 65535 bytes, then 2.0.
   */
  static byte[] encode(DType dtype, int[] shape) {
    StringBuilder dict = new StringBuilder();
    dict.append("{'descr': '").append(dtype.descr()).append("', 'fortran_order': False, 'shape': ");
    dict.append(Shapes.format(shape)).append(", }");
    if (shape.length > 0) {
      dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
    }
    byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
    int hlen = text.length + 1; // the final newline
    int lengthBytes = 2;
    int padding = ARRAY_ALIGN - (NpyFormat.MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN;
    if (hlen + padding > 0xFFFF) {
      lengthBytes = 4;
      padding = ARRAY_ALIGN - (NpyFormat.MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN;
    }
    int headerLength = hlen + padding;
    byte[] out = new byte[NpyFormat.MAGIC.length + 2 + lengthBytes + headerLength];
    int position = 0;
    for (byte b : NpyFormat.MAGIC) {
      out[position++] = b;
    }
    out[position++] = (byte) (lengthBytes == 2 ? 1 : 2);
    out[position++] = 0;
    for (int k = 0; k < lengthBytes; k++) {
      out[position++] = (byte) (headerLength >>> (8 * k));
    }
    System.arraycopy(text, 0, out, position, text.length);
    position += text.length;
    while (position < out.length - 1) {
      out[position++] = ' ';
    }
    out[position] = '\n';
    return out;
  }

  // ---------------------------------------------------------------- parsing

  /** A Python tuple literal, kept apart from a list literal. */
  private static final class Tuple {
    final List<Object> items;

    Tuple(List<Object> items) {
      this.items = items;
    }
  }

  /**
   * Parses the header dict.
   *
   * @throws IllegalArgumentException "malformed NPY header: ..." for a syntax error, missing,
   *     unexpected or mistyped keys; "unsupported NPY dtype ..." for an unsupported descr;
   *     a message naming the dimension for a negative or oversized shape
   */
  static NpyHeader parse(String text) {
    Parser parser = new Parser(text);
    Map<String, Object> dict = parser.parseHeader();

    for (String key : dict.keySet()) {
      if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
        throw parser.error("unexpected key '" + key + "'");
      }
    }
    for (String key : new String[] {"descr", "fortran_order", "shape"}) {
      if (!dict.containsKey(key)) {
        throw parser.error("missing key '" + key + "'");
      }
    }

    Object descr = dict.get("descr");
    if (descr instanceof List) {
      throw new IllegalArgumentException(
          "unsupported NPY dtype " + render(descr) + " (structured types are not supported)");
    }
    if (!(descr instanceof String)) {
      throw parser.error("'descr' must be a string, but is " + render(descr));
    }
    DType.Parsed type = DType.parse((String) descr);

    Object fortran = dict.get("fortran_order");
    if (!(fortran instanceof Boolean)) {
      throw parser.error("'fortran_order' must be True or False, but is " + render(fortran));
    }

    Object shapeValue = dict.get("shape");
    if (!(shapeValue instanceof Tuple)) {
      throw parser.error("'shape' must be a tuple of integers, but is " + render(shapeValue));
    }
    List<Object> items = ((Tuple) shapeValue).items;
    int[] shape = new int[items.size()];
    for (int k = 0; k < shape.length; k++) {
      Object item = items.get(k);
      if (!(item instanceof BigInteger)) {
        throw parser.error("'shape' must be a tuple of integers, but is " + render(shapeValue));
      }
      BigInteger dimension = (BigInteger) item;
      if (dimension.signum() < 0) {
        throw new IllegalArgumentException(
            "negative dimension " + dimension + " in NPY shape " + render(shapeValue));
      }
      if (dimension.bitLength() > 31) {
        throw new IllegalArgumentException(
            "dimension "
                + dimension
                + " in NPY shape "
                + render(shapeValue)
                + " exceeds the largest Java array length");
      }
      shape[k] = dimension.intValue();
    }
    try {
      return new NpyHeader(type.type(), type.order(), (Boolean) fortran, shape);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("NPY " + e.getMessage(), e);
    }
  }

  /** Renders a parsed value back as a Python literal, for messages. */
  private static String render(Object value) {
    if (value instanceof String) {
      return "'" + value + "'";
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? "True" : "False";
    }
    if (value instanceof Tuple || value instanceof List) {
      boolean tuple = value instanceof Tuple;
      List<?> items = tuple ? ((Tuple) value).items : (List<?>) value;
      StringBuilder out = new StringBuilder(tuple ? "(" : "[");
      for (int k = 0; k < items.size(); k++) {
        out.append(k > 0 ? ", " : "").append(render(items.get(k)));
      }
      if (tuple && items.size() == 1) {
        out.append(',');
      }
      return out.append(tuple ? ")" : "]").toString();
    }
    return String.valueOf(value);
  }

  /** Recursive-descent parser of the small subset of Python literals an NPY header uses. */
  private static final class Parser {
    private static final int MAX_DEPTH = 32;
    private final String text;
    private int position;
    private int depth;

    Parser(String text) {
      this.text = text;
    }

    IllegalArgumentException error(String what) {
      String shown = text.strip();
      if (shown.length() > 200) {
        shown = shown.substring(0, 200) + "...";
      }
      return new IllegalArgumentException(
          "malformed NPY header: " + what + " in \"" + shown + "\"");
    }

    private IllegalArgumentException errorHere(String what) {
      return error(what + " at position " + position);
    }

    Map<String, Object> parseHeader() {
      skipWhitespace();
      if (!peek('{')) {
        throw errorHere("expected '{'");
      }
      position++;
      Map<String, Object> dict = new LinkedHashMap<>();
      skipWhitespace();
      while (!peek('}')) {
        if (!peek('\'') && !peek('"')) {
          throw errorHere("expected a quoted key or '}'");
        }
        String key = parseString();
        skipWhitespace();
        expect(':');
        Object value = parseValue();
        if (dict.put(key, value) != null) {
          throw error("duplicate key '" + key + "'");
        }
        skipWhitespace();
        if (peek(',')) {
          position++;
          skipWhitespace();
        } else if (!peek('}')) {
          throw errorHere("expected ',' or '}'");
        }
      }
      position++;
      skipWhitespace();
      if (position < text.length()) {
        throw errorHere("unexpected text after the dict");
      }
      return dict;
    }

    private Object parseValue() {
      skipWhitespace();
      if (position >= text.length()) {
        throw errorHere("unexpected end, expected a value");
      }
      char c = text.charAt(position);
      if (c == '\'' || c == '"') {
        return parseString();
      }
      if (c == '(' || c == '[') {
        return parseSequence(c == '(' ? ')' : ']');
      }
      if (c == '-' || c == '+' || Character.isDigit(c)) {
        return parseInteger();
      }
      if (text.startsWith("True", position) || text.startsWith("False", position)) {
        boolean value = text.startsWith("True", position);
        position += value ? 4 : 5;
        if (position < text.length() && Character.isLetterOrDigit(text.charAt(position))) {
          throw errorHere("unexpected name");
        }
        return value;
      }
      throw errorHere("unexpected character '" + c + "'");
    }

    private Object parseSequence(char close) {
      if (++depth > MAX_DEPTH) {
        throw errorHere("nesting too deep");
      }
      position++;
      List<Object> items = new ArrayList<>();
      boolean trailingComma = false;
      skipWhitespace();
      while (!peek(close)) {
        items.add(parseValue());
        skipWhitespace();
        trailingComma = false;
        if (peek(',')) {
          position++;
          trailingComma = true;
          skipWhitespace();
        } else if (!peek(close)) {
          throw errorHere("expected ',' or '" + close + "'");
        }
      }
      position++;
      depth--;
      if (close == ']') {
        return items;
      }
      // Python: "(3)" is the integer 3 in parentheses, "(3,)" a tuple of one.
      if (items.size() == 1 && !trailingComma) {
        return items.get(0);
      }
      return new Tuple(items);
    }

    private BigInteger parseInteger() {
      int start = position;
      if (peek('-') || peek('+')) {
        position++;
      }
      int digitsStart = position;
      while (position < text.length() && Character.isDigit(text.charAt(position))) {
        position++;
      }
      if (position == digitsStart) {
        throw errorHere("expected digits");
      }
      if (position - digitsStart > 40) {
        throw errorHere("integer literal too long");
      }
      BigInteger value = new BigInteger(text.substring(start, position));
      if (peek('L') || peek('l')) {
        position++; // Python 2 long literal, written by old NumPy versions
      }
      if (position < text.length() && Character.isLetterOrDigit(text.charAt(position))) {
        throw errorHere("unexpected character after an integer");
      }
      return value;
    }

    private String parseString() {
      char quote = text.charAt(position++);
      int start = position;
      while (position < text.length() && text.charAt(position) != quote) {
        char c = text.charAt(position);
        if (c == '\\' || c == '\n') {
          throw errorHere("unsupported character in a string literal");
        }
        position++;
      }
      if (position >= text.length()) {
        throw error("unterminated string starting at position " + (start - 1));
      }
      return text.substring(start, position++);
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw errorHere("expected '" + c + "'");
      }
      position++;
    }

    private boolean peek(char c) {
      return position < text.length() && text.charAt(position) == c;
    }

    private void skipWhitespace() {
      while (position < text.length()) {
        char c = text.charAt(position);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        position++;
      }
    }
  }
}
