package org.latentatlas.examples.archfixture.cycle.b;

import org.latentatlas.examples.archfixture.cycle.a.First;

/** The other half of the deliberate package cycle of {@code ArchitectureTest}. */
public final class Second {

  private Second() {}

  /**
   * Returns 2, for {@link First}.
   *
   * @return 2
   */
  public static int two() {
    return 2;
  }

  /**
   * Returns the other package's value.
   *
   * @return 2
   */
  public static int viaFirst() {
    return First.two();
  }
}
