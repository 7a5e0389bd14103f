package org.latentatlas.repro.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the git commit of the working tree for {@code result.json}: {@code git rev-parse HEAD},
 * plus {@code -dirty} when {@code git status --porcelain --untracked-files=no} lists changed
 * tracked files; {@code "unknown"} when git is missing, the folder is no repository, or git does
 * not answer within the time limit.
 */
public final class GitInfo {

  /** The time limit for one git process, in milliseconds. */
  public static final long TIMEOUT_MILLIS_DEFAULT = 5000;

  /** The value used when the commit cannot be read. */
  public static final String UNKNOWN = "unknown";

  private GitInfo() {}

  /**
   * Returns the commit of the repository containing a folder.
   *
   * @param directory the folder git runs in
   * @return the 40-hex-digit commit, with {@code -dirty} appended if tracked files changed, or
   *     {@link #UNKNOWN}
   */
  public static String commit(Path directory) {
    String head = run(directory, List.of("git", "rev-parse", "HEAD"), TIMEOUT_MILLIS_DEFAULT);
    if (head == null || !head.strip().matches("[0-9a-f]{7,64}")) {
      return UNKNOWN;
    }
    String status =
        run(
            directory,
            List.of("git", "status", "--porcelain", "--untracked-files=no"),
            TIMEOUT_MILLIS_DEFAULT);
    return head.strip() + (status != null && !status.isBlank() ? "-dirty" : "");
  }

  /**
   * Returns the commit of the code that runs: that of the repository holding the jar (or classes
   * folder) of this class, else that of the working directory.
   *
   * @return the commit as for {@link #commit(Path)}, or {@link #UNKNOWN}
   */
  public static String commitOfCode() {
    Path dir = codeDirectory();
    if (dir != null) {
      String commit = commit(dir);
      if (!commit.equals(UNKNOWN)) {
        return commit;
      }
    }
    return commit(Path.of("").toAbsolutePath());
  }

  /** Returns the folder holding this class's jar or class tree, or null if unknown. */
  private static Path codeDirectory() {
    CodeSource source = GitInfo.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      Path code = Path.of(source.getLocation().toURI());
      return Files.isDirectory(code) ? code : code.getParent();
    } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
      return null;
    }
  }

  /**
   * Runs a process with a time limit and returns its standard output, or null on any failure
   * (not found, non-zero exit, time-out).
   */
  static String run(Path directory, List<String> command, long timeoutMillis) {
    Process process = null;
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.directory(directory.toFile());
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.redirectInput(ProcessBuilder.Redirect.PIPE);
      process = pb.start();
      process.getOutputStream().close();
      InputStream stdout = process.getInputStream();
      CompletableFuture<String> output =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  return null;
                }
              });
      if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return null;
      }
      String text = output.get(timeoutMillis, TimeUnit.MILLISECONDS);
      return process.exitValue() == 0 ? text : null;
    } catch (IOException | ExecutionException | TimeoutException e) {
      if (process != null) {
        process.destroyForcibly();
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (process != null) {
        process.destroyForcibly();
      }
      return null;
    }
  }
}
