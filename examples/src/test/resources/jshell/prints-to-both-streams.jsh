// a comment before the first snippet
String greeting = "hello";
System.out.println(greeting + " from a snippet");
System.err.println("to stderr");
