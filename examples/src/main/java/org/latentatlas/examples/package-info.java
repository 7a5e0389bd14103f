/**
 * Runnable examples of LatentAtlas and the checker that keeps the JShell scripts working: {@link
 * org.latentatlas.examples.QuickStart} tours the geometry core in one {@code main}, the scripts in
 * {@code examples/src/main/jshell} do the same interactively, and {@link
 * org.latentatlas.examples.JShellRunner} runs those scripts in the build and fails on any rejected
 * snippet or exception.
 */
package org.latentatlas.examples;
