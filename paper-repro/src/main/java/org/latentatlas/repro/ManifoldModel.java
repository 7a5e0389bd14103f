package org.latentatlas.repro;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.manifold.Euclidean;
import org.latentatlas.geometry.manifold.KappaStereographic;
import org.latentatlas.geometry.manifold.Lorentz;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.geometry.manifold.Sphere;

/**
 * The manifold models the {@code atlas} command line names, with their curvature conventions:
 * {@code euclidean} (no curvature), {@code sphere} (sectional curvature \( K &gt; 0 \)), {@code
 * poincare} and {@code lorentz} (\( c &gt; 0 \), sectional curvature \( -c \)), {@code
 * stereographic} (the signed sectional curvature \( \kappa \)).
 */
public enum ManifoldModel {
  /** Euclidean space \( \mathbb{R}^n \); ambient dimension = dimension. */
  EUCLIDEAN(0, 0.0, "none (flat)", ManifoldModel::euclidean),
  /** The sphere of curvature \( K &gt; 0 \) in \( \mathbb{R}^{d+1} \). */
  SPHERE(1, 1.0, "K > 0, the sectional curvature", Sphere::new),
  /** The Poincaré ball of curvature \( -c \), radius \( 1/\sqrt{c} \). */
  POINCARE(0, 1.0, "c > 0, sectional curvature -c", PoincareBall::new),
  /** The hyperboloid of curvature \( -c \) in \( \mathbb{R}^{d+1} \), time coordinate first. */
  LORENTZ(1, 1.0, "c > 0, sectional curvature -c", Lorentz::new),
  /** The κ-stereographic model, any signed curvature \( \kappa \). */
  STEREOGRAPHIC(
      0, Double.NaN, "kappa, the signed sectional curvature (required)", KappaStereographic::new);

  /** Creates a model from its intrinsic dimension and its curvature argument. */
  @FunctionalInterface
  private interface Factory {
    RiemannianManifold create(int dimension, double curvature);
  }

  private final int ambientExtra;
  private final double defaultCurvature;
  private final String curvatureMeaning;
  private final Factory factory;

  ManifoldModel(
      int ambientExtra, double defaultCurvature, String curvatureMeaning, Factory factory) {
    this.ambientExtra = ambientExtra;
    this.defaultCurvature = defaultCurvature;
    this.curvatureMeaning = curvatureMeaning;
    this.factory = factory;
  }

  private static RiemannianManifold euclidean(int dimension, double curvature) {
    if (curvature != 0) {
      throw new IllegalArgumentException(
          "curvature must be absent or 0 for euclidean, but curvature = " + curvature);
    }
    return new Euclidean(dimension);
  }

  /**
   * Returns the command-line name.
   *
   * @return the lower-case name, e.g. {@code "poincare"}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns what the {@code --curvature} value means for this model.
   *
   * @return a short description
   */
  public String curvatureMeaning() {
    return curvatureMeaning;
  }

  /**
   * Returns how many more ambient coordinates than intrinsic dimensions the model has.
   *
   * @return 1 for the sphere and the hyperboloid, 0 otherwise
   */
  public int ambientExtra() {
    return ambientExtra;
  }

  /**
   * Parses a model name, ignoring case.
   *
   * @param text the name
   * @return the model
   * @throws IllegalArgumentException if no model has that name; the message lists the names
   */
  public static ManifoldModel parse(String text) {
    for (ManifoldModel m : values()) {
      if (m.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "model must be one of " + names() + ", but model = " + text);
  }

  /**
   * Returns the model names joined by commas.
   *
   * @return e.g. {@code "euclidean, sphere, ..."}
   */
  public static String names() {
    return Arrays.stream(values()).map(ManifoldModel::label).collect(Collectors.joining(", "));
  }

  /**
   * Creates the model with a given intrinsic dimension.
   *
   * @param dimension the intrinsic dimension, at least 1
   * @param curvature the curvature in this model's convention, or null for the default (1 for
   *     sphere, poincare and lorentz; euclidean has none; stereographic requires one)
   * @return the manifold
   * @throws IllegalArgumentException if the curvature is missing where required, given for
   *     euclidean (other than 0), or invalid for the model
   */
  public RiemannianManifold create(int dimension, Double curvature) {
    double k = curvature == null ? defaultCurvature : curvature;
    if (Double.isNaN(k)) {
      throw new IllegalArgumentException(
          "curvature must be given for " + label() + " (" + curvatureMeaning + ")");
    }
    return factory.create(dimension, k);
  }

  /**
   * Creates the model whose points have a given number of ambient coordinates.
   *
   * @param ambientDimension the number of coordinates per point (columns of the input)
   * @param curvature the curvature as for {@link #create}
   * @return the manifold
   * @throws IllegalArgumentException if the number of coordinates is too small for the model, or
   *     the curvature is invalid
   */
  public RiemannianManifold forAmbientDimension(int ambientDimension, Double curvature) {
    int dimension = ambientDimension - ambientExtra;
    if (dimension < 1) {
      throw new IllegalArgumentException(
          "points of "
              + label()
              + " must have at least "
              + (1 + ambientExtra)
              + " coordinates, but have "
              + ambientDimension);
    }
    return create(dimension, curvature);
  }
}
