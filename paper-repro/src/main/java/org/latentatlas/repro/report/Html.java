package org.latentatlas.repro.report;

/** HTML text helpers for the report. */
final class Html {

  private Html() {}

  /** Escapes text for an HTML element body or a double-quoted attribute. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }

  /** Escapes a relative file path for use in an href or src attribute (spaces, quotes). */
  static String url(String path) {
    StringBuilder sb = new StringBuilder();
    for (String part : path.split("/", -1)) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(
          java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8)
              .replace("+", "%20"));
    }
    return escape(sb.toString());
  }
}
