package org.latentatlas.geometry.manifold;

import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.kernel.KleinKernels;
import org.latentatlas.geometry.kernel.LorentzKernels;
import org.latentatlas.geometry.util.Checks;

/**
 * Explicit isometries between the models of hyperbolic space of sectional curvature \( -c \): the
 * Poincaré ball, the Lorentz hyperboloid, the Beltrami–Klein ball and the κ-stereographic model.
 *
 * <p>With \( k = 1/c \), a ball point \( p \) (\( c\lVert p\rVert^2 &lt; 1 \)), a hyperboloid
 * point \( x \) (\( \langle x, x\rangle_L = -k \), \( x_0 &gt; 0 \)) and a Klein point \( \kappa
 * \) (\( c\lVert\kappa\rVert^2 &lt; 1 \)):
 *
 * <ul>
 *   <li>Poincaré → Lorentz: \( x = \Bigl(\sqrt{k}\,\frac{1 + c\lVert p\rVert^2}{1 - c\lVert
 *       p\rVert^2},\ \frac{2p}{1 - c\lVert p\rVert^2}\Bigr) \);
 *   <li>Lorentz → Poincaré: \( p = \sqrt{k}\, x_{1:}/(x_0 + \sqrt{k}) \) (geoopt's {@code
 *       lorentz_to_poincare} omits the factor \( \sqrt{k} \) and lands in the unit ball, an
 *       isometry only for \( c = 1 \));
 *   <li>Poincaré → Klein: \( \kappa = 2p/(1 + c\lVert p\rVert^2) \); Klein → Poincaré: \( p =
 *       \kappa/(1 + \sqrt{1 - c\lVert\kappa\rVert^2}) \);
 *   <li>Lorentz → Klein: \( \kappa = \sqrt{k}\, x_{1:}/x_0 \); Klein → Lorentz: \( x = (\sqrt{k},
 *       \kappa)/\sqrt{1 - c\lVert\kappa\rVert^2} \);
 *   <li>Poincaré ↔ κ-stereographic with \( \kappa = -c \): the identity on coordinates (both
 *       models are the ball of radius \( 1/\sqrt{c} \) with the conformal factor \( 2/(1 -
 *       c\lVert p\rVert^2) \)); the maps validate their input and return a copy.
 * </ul>
 *
 * <p>Every map validates its input (finite coordinates; inside the open ball \( c\lVert
 * p\rVert^2 &lt; 1 \); on the hyperboloid within {@link Lorentz#DOMAIN_TOL}; \( c &gt; 0 \)) and
 * throws {@link IllegalArgumentException} naming the argument, the constraint and the value.
 * Each has a row-batched form over a {@link DMatrixRMaj} (one point per row) that runs the same
 * kernel on the data array.
 *
 * <p><b>Precision.</b> The maps are exact up to rounding, but the models do not resolve points
 * equally well in float64: near the boundary the ball coordinates resolve a point only to about
 * \( 10^{-16}\cosh(r\sqrt{c}) \) in hyperbolic distance at distance \( r \) from the origin, and
 * the Klein coordinates only to about \( 10^{-16}\cosh^2(r\sqrt{c}) \). A Lorentz → Klein →
 * Lorentz round trip at \( r = 10/\sqrt{c} \) therefore changes \( x_0 \) by about \( 10^{-8} \)
 * relative, whatever the formulas. Images that round onto the boundary sphere (ball points beyond
 * about \( 36/\sqrt{c} \), Klein points beyond about \( 18/\sqrt{c} \) from the origin) are
 * pulled back to the radius \( (1 - 2^{-51})/\sqrt{c} \), so that every output is a valid point
 * of its model.
 *
 * <pre>{@code
 * double c = 0.5;
 * double[] p = {0.1, -0.2, 0.3};
 * double[] x = Isometries.poincareToLorentz(p, c);   // on <x,x>_L = -2
 * double[] kappa = Isometries.lorentzToKlein(x, c);
 * double[] back = Isometries.kleinToPoincare(kappa, c); // equals p
 * }</pre>
 *
 * <p>References: J. G. Ratcliffe, <i>Foundations of Hyperbolic Manifolds</i>, Springer, 2006, §6.1
 * (the models and the maps between them); M. Nickel, D. Kiela, "Learning continuous hierarchies
 * in the Lorentz model of hyperbolic geometry", ICML 2018 (Lorentz ↔ Poincaré); geoopt {@code
 * geoopt/manifolds/lorentz/math.py}.
 */
public final class Isometries {

  private Isometries() {}

  // ------------------------------------------------------------------ Poincaré and Lorentz

  /**
   * Maps a Poincaré-ball point to the hyperboloid.
   *
   * @param p a point of the ball of curvature \( -c \), \( c\lVert p\rVert^2 &lt; 1 \)
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return \( x = (\sqrt{k}(1 + c\lVert p\rVert^2), 2p)/(1 - c\lVert p\rVert^2) \), of length
   *     {@code p.length + 1}
   * @throws IllegalArgumentException if {@code c} is not a finite positive number, or {@code p} is
   *     empty, not finite, or not inside the ball
   */
  public static double[] poincareToLorentz(double[] p, double c) {
    ballPoint("p", p, c);
    return mapPoint(p, p.length + 1, c, LorentzKernels::fromPoincare);
  }

  /**
   * Maps a hyperboloid point to the Poincaré ball.
   *
   * @param x a point of the hyperboloid \( \langle x, x\rangle_L = -1/c \), \( x_0 &gt; 0 \)
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return \( p = \sqrt{k}\, x_{1:}/(x_0 + \sqrt{k}) \), of length {@code x.length - 1}
   * @throws IllegalArgumentException if {@code c} is not a finite positive number, or {@code x}
   *     has fewer than 2 coordinates, is not finite, or is off the hyperboloid
   */
  public static double[] lorentzToPoincare(double[] x, double c) {
    lorentzPoint("x", x, c);
    return mapPoint(x, x.length - 1, c, LorentzKernels::toPoincare);
  }

  /**
   * Maps Poincaré-ball points, one per row, to the hyperboloid.
   *
   * @param p ball points, one per row
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the hyperboloid points, one per row, with one more column
   * @throws IllegalArgumentException as {@link #poincareToLorentz(double[], double)}, for any row
   */
  public static DMatrixRMaj poincareToLorentz(DMatrixRMaj p, double c) {
    ballRows("p", p, c);
    return mapRows(p, p.numCols + 1, c, LorentzKernels::fromPoincare);
  }

  /**
   * Maps hyperboloid points, one per row, to the Poincaré ball.
   *
   * @param x hyperboloid points, one per row
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the ball points, one per row, with one column less
   * @throws IllegalArgumentException as {@link #lorentzToPoincare(double[], double)}, for any row
   */
  public static DMatrixRMaj lorentzToPoincare(DMatrixRMaj x, double c) {
    lorentzRows("x", x, c);
    return mapRows(x, x.numCols - 1, c, LorentzKernels::toPoincare);
  }

  // ------------------------------------------------------------------ Poincaré and Klein

  /**
   * Maps a Poincaré-ball point to the Klein ball.
   *
   * @param p a point of the ball, \( c\lVert p\rVert^2 &lt; 1 \)
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return \( \kappa = 2p/(1 + c\lVert p\rVert^2) \)
   * @throws IllegalArgumentException if {@code c} is not a finite positive number, or {@code p} is
   *     empty, not finite, or not inside the ball
   */
  public static double[] poincareToKlein(double[] p, double c) {
    ballPoint("p", p, c);
    return mapPoint(p, p.length, c, KleinKernels::fromPoincare);
  }

  /**
   * Maps a Klein-ball point to the Poincaré ball.
   *
   * @param kappa a point of the Klein ball, \( c\lVert\kappa\rVert^2 &lt; 1 \)
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return \( p = \kappa/(1 + \sqrt{1 - c\lVert\kappa\rVert^2}) \)
   * @throws IllegalArgumentException if {@code c} is not a finite positive number, or {@code
   *     kappa} is empty, not finite, or not inside the ball
   */
  public static double[] kleinToPoincare(double[] kappa, double c) {
    ballPoint("kappa", kappa, c);
    return mapPoint(kappa, kappa.length, c, KleinKernels::toPoincare);
  }

  /**
   * Maps Poincaré-ball points, one per row, to the Klein ball.
   *
   * @param p ball points, one per row
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the Klein points, one per row
   * @throws IllegalArgumentException as {@link #poincareToKlein(double[], double)}, for any row
   */
  public static DMatrixRMaj poincareToKlein(DMatrixRMaj p, double c) {
    ballRows("p", p, c);
    return mapRows(p, p.numCols, c, KleinKernels::fromPoincare);
  }

  /**
   * Maps Klein-ball points, one per row, to the Poincaré ball.
   *
   * @param kappa Klein points, one per row
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the ball points, one per row
   * @throws IllegalArgumentException as {@link #kleinToPoincare(double[], double)}, for any row
   */
  public static DMatrixRMaj kleinToPoincare(DMatrixRMaj kappa, double c) {
    ballRows("kappa", kappa, c);
    return mapRows(kappa, kappa.numCols, c, KleinKernels::toPoincare);
  }

  // ------------------------------------------------------------------ Lorentz and Klein

  /**
   * Maps a hyperboloid point to the Klein ball.
   *
   * @param x a point of the hyperboloid \( \langle x, x\rangle_L = -1/c \), \( x_0 &gt; 0 \)
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return \( \kappa = \sqrt{k}\, x_{1:}/x_0 \), of length {@code x.length - 1}
   * @throws IllegalArgumentException if {@code c} is not a finite positive number, or {@code x}
   *     has fewer than 2 coordinates, is not finite, or is off the hyperboloid
   */
  public static double[] lorentzToKlein(double[] x, double c) {
    lorentzPoint("x", x, c);
    return mapPoint(x, x.length - 1, c, KleinKernels::fromHyperboloid);
  }

  /**
   * Maps a Klein-ball point to the hyperboloid.
   *
   * @param kappa a point of the Klein ball, \( c\lVert\kappa\rVert^2 &lt; 1 \)
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return \( x = (\sqrt{k}, \kappa)/\sqrt{1 - c\lVert\kappa\rVert^2} \), of length {@code
   *     kappa.length + 1}
   * @throws IllegalArgumentException if {@code c} is not a finite positive number, or {@code
   *     kappa} is empty, not finite, or not inside the ball
   */
  public static double[] kleinToLorentz(double[] kappa, double c) {
    ballPoint("kappa", kappa, c);
    return mapPoint(kappa, kappa.length + 1, c, KleinKernels::toHyperboloid);
  }

  /**
   * Maps hyperboloid points, one per row, to the Klein ball.
   *
   * @param x hyperboloid points, one per row
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the Klein points, one per row, with one column less
   * @throws IllegalArgumentException as {@link #lorentzToKlein(double[], double)}, for any row
   */
  public static DMatrixRMaj lorentzToKlein(DMatrixRMaj x, double c) {
    lorentzRows("x", x, c);
    return mapRows(x, x.numCols - 1, c, KleinKernels::fromHyperboloid);
  }

  /**
   * Maps Klein-ball points, one per row, to the hyperboloid.
   *
   * @param kappa Klein points, one per row
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the hyperboloid points, one per row, with one more column
   * @throws IllegalArgumentException as {@link #kleinToLorentz(double[], double)}, for any row
   */
  public static DMatrixRMaj kleinToLorentz(DMatrixRMaj kappa, double c) {
    ballRows("kappa", kappa, c);
    return mapRows(kappa, kappa.numCols + 1, c, KleinKernels::toHyperboloid);
  }

  // ------------------------------------------------------------------ κ-stereographic

  /**
   * Maps a Poincaré-ball point to the κ-stereographic model of curvature \( \kappa = -c \): the
   * identity on coordinates (both are the ball of radius \( 1/\sqrt{c} \) with the conformal
   * factor \( 2/(1 - c\lVert p\rVert^2) \), see {@link KappaStereographic}).
   *
   * @param p a point of the ball, \( c\lVert p\rVert^2 &lt; 1 \)
   * @param c the curvature magnitude \( c &gt; 0 \); the target model has \( \kappa = -c \)
   * @return a copy of {@code p}
   * @throws IllegalArgumentException if {@code c} is not a finite positive number, or {@code p} is
   *     empty, not finite, or not inside the ball
   */
  public static double[] poincareToStereographic(double[] p, double c) {
    ballPoint("p", p, c);
    return p.clone();
  }

  /**
   * Maps a point of the κ-stereographic model of negative curvature \( \kappa \) to the Poincaré
   * ball of curvature \( -c = \kappa \): the identity on coordinates.
   *
   * @param x a point of the model, \( -\kappa\lVert x\rVert^2 &lt; 1 \)
   * @param kappa the sectional curvature \( \kappa &lt; 0 \) of the model
   * @return a copy of {@code x}, a point of the ball with \( c = -\kappa \)
   * @throws IllegalArgumentException if {@code kappa} is not a finite negative number (for \(
   *     \kappa \ge 0 \) the model is not hyperbolic), or {@code x} is empty, not finite, or not
   *     inside the ball
   */
  public static double[] stereographicToPoincare(double[] x, double kappa) {
    ballPoint("x", x, negativeCurvature(kappa));
    return x.clone();
  }

  /**
   * Maps Poincaré-ball points, one per row, to the κ-stereographic model with \( \kappa = -c \).
   *
   * @param p ball points, one per row
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return a copy of {@code p}
   * @throws IllegalArgumentException as {@link #poincareToStereographic(double[], double)}, for
   *     any row
   */
  public static DMatrixRMaj poincareToStereographic(DMatrixRMaj p, double c) {
    ballRows("p", p, c);
    return p.copy();
  }

  /**
   * Maps κ-stereographic points (\( \kappa &lt; 0 \)), one per row, to the Poincaré ball with \(
   * c = -\kappa \).
   *
   * @param x model points, one per row
   * @param kappa the sectional curvature \( \kappa &lt; 0 \)
   * @return a copy of {@code x}
   * @throws IllegalArgumentException as {@link #stereographicToPoincare(double[], double)}, for
   *     any row
   */
  public static DMatrixRMaj stereographicToPoincare(DMatrixRMaj x, double kappa) {
    ballRows("x", x, negativeCurvature(kappa));
    return x.copy();
  }

  // ------------------------------------------------------------------ rows, validation

  /** A row map between models: a kernel of {@link LorentzKernels} or {@link KleinKernels}. */
  @FunctionalInterface
  private interface RowMap {
    void apply(double[] in, int io, int n, double c, double[] out, int oo);
  }

  private static double[] mapPoint(double[] in, int outLength, double c, RowMap map) {
    double[] out = new double[outLength];
    map.apply(in, 0, in.length, c, out, 0);
    return out;
  }

  private static DMatrixRMaj mapRows(DMatrixRMaj in, int outCols, double c, RowMap map) {
    int n = in.numCols;
    DMatrixRMaj out = new DMatrixRMaj(in.numRows, outCols);
    for (int i = 0; i < in.numRows; i++) {
      map.apply(in.data, i * n, n, c, out.data, i * outCols);
    }
    return out;
  }

  private static double negativeCurvature(double kappa) {
    if (!(kappa < 0 && Double.isFinite(kappa))) {
      throw Checks.failure(
          "kappa",
          "must be finite and < 0 (the κ-stereographic model is a hyperbolic ball only for"
              + " negative curvature)",
          kappa);
    }
    return Lorentz.checkCurvature("-kappa", -kappa);
  }

  private static void ballPoint(String name, double[] p, double c) {
    Lorentz.checkCurvature("c", c);
    Checks.notNull(name, p);
    if (p.length < 1) {
      throw Checks.failure(name, "must have at least 1 coordinate", "[]");
    }
    Checks.inBall(name, p, c);
  }

  private static void lorentzPoint(String name, double[] x, double c) {
    Lorentz.checkCurvature("c", c);
    Checks.finite(name, x);
    if (x.length < 2) {
      throw Checks.failure(name, "must have at least 2 coordinates", "of length " + x.length);
    }
    Lorentz.checkOnHyperboloid(name, x, 0, x.length, 1.0 / c);
  }

  private static void ballRows(String name, DMatrixRMaj p, double c) {
    columns(name, p, 1, c);
    Checks.inBall(name, p, p.numCols, c);
  }

  private static void lorentzRows(String name, DMatrixRMaj x, double c) {
    columns(name, x, 2, c);
    Checks.finiteRows(name, x, x.numCols);
    for (int i = 0; i < x.numRows; i++) {
      Lorentz.checkOnHyperboloid(name + "[" + i + "]", x.data, i * x.numCols, x.numCols, 1.0 / c);
    }
  }

  /** Validates the curvature and that the matrix has at least {@code min} columns. */
  private static void columns(String name, DMatrixRMaj m, int min, double c) {
    Lorentz.checkCurvature("c", c);
    Checks.notNull(name, m);
    if (m.numCols < min) {
      throw Checks.failure(
          name,
          "must have at least " + min + (min == 1 ? " column" : " columns"),
          "a matrix of shape " + m.numRows + " x " + m.numCols);
    }
  }
}
