package org.latentatlas.examples.archfixture.cycle.a;

import org.latentatlas.examples.archfixture.cycle.b.Second;

/** A deliberate package cycle for {@code ArchitectureTest}: a uses b, b uses a. */
public final class First {

  private First() {}

  /**
   * Returns the other package's constant.
   *
   * @return 2
   */
  public static int two() {
    return Second.two();
  }
}
