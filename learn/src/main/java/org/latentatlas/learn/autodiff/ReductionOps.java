package org.latentatlas.learn.autodiff;

import org.latentatlas.geometry.util.Checks;

/**
 * Reductions over all entries or along one axis (sum, mean, max, log-sum-exp, L2 norm) and the
 * normalisations softmax and log-softmax. An axis may be negative (counted from the end); with
 * {@code keepDims} the reduced axis stays with length 1, which broadcasts back against the input.
 */
public final class ReductionOps {

  private ReductionOps() {}

  /** The input viewed as {@code [outer, n, inner]} around the reduced axis. */
  private static final class Layout {
    final int outer;
    final int n;
    final int inner;
    final int[] outShape;

    Layout(String op, Tensor x, int axis, boolean keepDims) {
      Checks.notNull("x", x);
      int[] shape = x.shape();
      int a = TensorShapes.axis(op, axis, shape);
      outer = TensorShapes.outer(shape, a);
      n = shape[a];
      inner = TensorShapes.inner(shape, a);
      outShape = TensorShapes.reduced(shape, a, keepDims);
    }
  }

  /**
   * Sum of all entries.
   *
   * @param x the input
   * @return the scalar \( \sum_i x_i \)
   */
  public static Tensor sum(Tensor x) {
    Checks.notNull("x", x);
    double[] in = x.buffer();
    double s = 0;
    for (double v : in) {
      s += v;
    }
    return Tensor.derived(
        "sum",
        new double[] {s},
        new int[0],
        g -> {
          double[] gx = x.gradBuffer();
          double g0 = g[0];
          for (int i = 0; i < gx.length; i++) {
            gx[i] += g0;
          }
        },
        x);
  }

  /**
   * Mean of all entries.
   *
   * @param x the input
   * @return the scalar \( \frac{1}{n} \sum_i x_i \)
   * @throws IllegalArgumentException if the tensor is empty
   */
  public static Tensor mean(Tensor x) {
    Checks.notNull("x", x);
    if (x.size() == 0) {
      throw new IllegalArgumentException("mean: tensor '" + x.name() + "' is empty");
    }
    return ElementwiseOps.multiplyScalar(sum(x), 1.0 / x.size());
  }

  /**
   * Sum along one axis.
   *
   * @param x the input
   * @param axis the axis (negative counts from the end)
   * @param keepDims whether the reduced axis stays with length 1
   * @return the sums
   * @throws IllegalArgumentException if the axis is out of range
   */
  public static Tensor sum(Tensor x, int axis, boolean keepDims) {
    Layout l = new Layout("sum", x, axis, keepDims);
    double[] in = x.buffer();
    double[] out = new double[l.outer * l.inner];
    for (int o = 0; o < l.outer; o++) {
      for (int k = 0; k < l.n; k++) {
        int base = (o * l.n + k) * l.inner;
        int ob = o * l.inner;
        for (int j = 0; j < l.inner; j++) {
          out[ob + j] += in[base + j];
        }
      }
    }
    return Tensor.derived(
        "sum",
        out,
        l.outShape,
        g -> {
          double[] gx = x.gradBuffer();
          for (int o = 0; o < l.outer; o++) {
            for (int k = 0; k < l.n; k++) {
              int base = (o * l.n + k) * l.inner;
              int ob = o * l.inner;
              for (int j = 0; j < l.inner; j++) {
                gx[base + j] += g[ob + j];
              }
            }
          }
        },
        x);
  }

  /**
   * Mean along one axis.
   *
   * @param x the input
   * @param axis the axis (negative counts from the end)
   * @param keepDims whether the reduced axis stays with length 1
   * @return the means
   * @throws IllegalArgumentException if the axis is out of range or has length 0
   */
  public static Tensor mean(Tensor x, int axis, boolean keepDims) {
    int n = x.shape(axis);
    if (n == 0) {
      throw new IllegalArgumentException(
          "mean: axis " + axis + " of tensor '" + x.name() + "' is empty");
    }
    return ElementwiseOps.multiplyScalar(sum(x, axis, keepDims), 1.0 / n);
  }

  /**
   * Maximum along one axis; the gradient goes to the (first) arg-max.
   *
   * @param x the input
   * @param axis the axis (negative counts from the end)
   * @param keepDims whether the reduced axis stays with length 1
   * @return the maxima
   * @throws IllegalArgumentException if the axis is out of range or has length 0
   */
  public static Tensor max(Tensor x, int axis, boolean keepDims) {
    Layout l = new Layout("max", x, axis, keepDims);
    if (l.n == 0) {
      throw new IllegalArgumentException(
          "max: axis " + axis + " of tensor '" + x.name() + "' is empty");
    }
    double[] in = x.buffer();
    double[] out = new double[l.outer * l.inner];
    int[] argmax = new int[out.length];
    for (int o = 0; o < l.outer; o++) {
      for (int j = 0; j < l.inner; j++) {
        int best = o * l.n * l.inner + j;
        for (int k = 1; k < l.n; k++) {
          int idx = (o * l.n + k) * l.inner + j;
          if (in[idx] > in[best]) {
            best = idx;
          }
        }
        out[o * l.inner + j] = in[best];
        argmax[o * l.inner + j] = best;
      }
    }
    return Tensor.derived(
        "max",
        out,
        l.outShape,
        g -> {
          double[] gx = x.gradBuffer();
          for (int i = 0; i < g.length; i++) {
            gx[argmax[i]] += g[i];
          }
        },
        x);
  }

  /**
   * Log-sum-exp along one axis, \( m + \log \sum_k e^{x_k - m} \) with \( m = \max_k x_k \) (no
   * overflow); the gradient is the softmax.
   *
   * @param x the input
   * @param axis the axis (negative counts from the end)
   * @param keepDims whether the reduced axis stays with length 1
   * @return the log-sum-exp values
   * @throws IllegalArgumentException if the axis is out of range or has length 0
   */
  public static Tensor logSumExp(Tensor x, int axis, boolean keepDims) {
    Layout l = new Layout("logSumExp", x, axis, keepDims);
    if (l.n == 0) {
      throw new IllegalArgumentException(
          "logSumExp: axis " + axis + " of tensor '" + x.name() + "' is empty");
    }
    double[] in = x.buffer();
    double[] out = logSumExp(in, l);
    return Tensor.derived(
        "logSumExp",
        out,
        l.outShape,
        g -> {
          double[] gx = x.gradBuffer();
          for (int o = 0; o < l.outer; o++) {
            for (int k = 0; k < l.n; k++) {
              int base = (o * l.n + k) * l.inner;
              int ob = o * l.inner;
              for (int j = 0; j < l.inner; j++) {
                gx[base + j] += g[ob + j] * Math.exp(in[base + j] - out[ob + j]);
              }
            }
          }
        },
        x);
  }

  private static double[] logSumExp(double[] in, Layout l) {
    double[] out = new double[l.outer * l.inner];
    for (int o = 0; o < l.outer; o++) {
      for (int j = 0; j < l.inner; j++) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < l.n; k++) {
          m = Math.max(m, in[(o * l.n + k) * l.inner + j]);
        }
        double s = 0;
        for (int k = 0; k < l.n; k++) {
          s += Math.exp(in[(o * l.n + k) * l.inner + j] - m);
        }
        out[o * l.inner + j] = Double.isInfinite(m) ? m : m + Math.log(s);
      }
    }
    return out;
  }

  /**
   * Euclidean norm along one axis, \( \sqrt{\sum_k x_k^2} \); the gradient \( x / \lVert x \rVert
   * \) is taken as 0 where the norm is 0 (a subgradient), so it is safe at the origin.
   *
   * @param x the input
   * @param axis the axis (negative counts from the end)
   * @param keepDims whether the reduced axis stays with length 1
   * @return the norms
   * @throws IllegalArgumentException if the axis is out of range
   */
  public static Tensor norm(Tensor x, int axis, boolean keepDims) {
    Layout l = new Layout("norm", x, axis, keepDims);
    double[] in = x.buffer();
    double[] out = new double[l.outer * l.inner];
    for (int o = 0; o < l.outer; o++) {
      for (int k = 0; k < l.n; k++) {
        int base = (o * l.n + k) * l.inner;
        int ob = o * l.inner;
        for (int j = 0; j < l.inner; j++) {
          out[ob + j] += in[base + j] * in[base + j];
        }
      }
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.sqrt(out[i]);
    }
    return Tensor.derived(
        "norm",
        out,
        l.outShape,
        g -> {
          double[] gx = x.gradBuffer();
          for (int o = 0; o < l.outer; o++) {
            for (int k = 0; k < l.n; k++) {
              int base = (o * l.n + k) * l.inner;
              int ob = o * l.inner;
              for (int j = 0; j < l.inner; j++) {
                double r = out[ob + j];
                if (r > 0) {
                  gx[base + j] += g[ob + j] * in[base + j] / r;
                }
              }
            }
          }
        },
        x);
  }

  /**
   * Softmax along one axis, \( e^{x_k - \mathrm{lse}(x)} \), computed after subtracting the
   * maximum; VJP \( y \odot (g - \langle g, y \rangle) \).
   *
   * @param x the input
   * @param axis the axis (negative counts from the end)
   * @return the probabilities, of the input's shape
   * @throws IllegalArgumentException if the axis is out of range or has length 0
   */
  public static Tensor softmax(Tensor x, int axis) {
    Layout l = new Layout("softmax", x, axis, true);
    if (l.n == 0) {
      throw new IllegalArgumentException(
          "softmax: axis " + axis + " of tensor '" + x.name() + "' is empty");
    }
    double[] in = x.buffer();
    double[] lse = logSumExp(in, l);
    double[] out = new double[in.length];
    for (int o = 0; o < l.outer; o++) {
      for (int k = 0; k < l.n; k++) {
        int base = (o * l.n + k) * l.inner;
        for (int j = 0; j < l.inner; j++) {
          out[base + j] = Math.exp(in[base + j] - lse[o * l.inner + j]);
        }
      }
    }
    return Tensor.derived(
        "softmax",
        out,
        x.shape(),
        g -> {
          double[] gx = x.gradBuffer();
          double[] dot = new double[l.outer * l.inner];
          for (int o = 0; o < l.outer; o++) {
            for (int k = 0; k < l.n; k++) {
              int base = (o * l.n + k) * l.inner;
              for (int j = 0; j < l.inner; j++) {
                dot[o * l.inner + j] += g[base + j] * out[base + j];
              }
            }
          }
          for (int o = 0; o < l.outer; o++) {
            for (int k = 0; k < l.n; k++) {
              int base = (o * l.n + k) * l.inner;
              for (int j = 0; j < l.inner; j++) {
                gx[base + j] += out[base + j] * (g[base + j] - dot[o * l.inner + j]);
              }
            }
          }
        },
        x);
  }

  /**
   * Log-softmax along one axis, \( x_k - \mathrm{lse}(x) \) (stable); VJP \( g -
   * \mathrm{softmax}(x)
   * \sum_k g_k \).
   *
   * @param x the input
   * @param axis the axis (negative counts from the end)
   * @return the log-probabilities, of the input's shape
   * @throws IllegalArgumentException if the axis is out of range or has length 0
   */
  public static Tensor logSoftmax(Tensor x, int axis) {
    Layout l = new Layout("logSoftmax", x, axis, true);
    if (l.n == 0) {
      throw new IllegalArgumentException(
          "logSoftmax: axis " + axis + " of tensor '" + x.name() + "' is empty");
    }
    double[] in = x.buffer();
    double[] lse = logSumExp(in, l);
    double[] out = new double[in.length];
    for (int o = 0; o < l.outer; o++) {
      for (int k = 0; k < l.n; k++) {
        int base = (o * l.n + k) * l.inner;
        for (int j = 0; j < l.inner; j++) {
          out[base + j] = in[base + j] - lse[o * l.inner + j];
        }
      }
    }
    return Tensor.derived(
        "logSoftmax",
        out,
        x.shape(),
        g -> {
          double[] gx = x.gradBuffer();
          double[] total = new double[l.outer * l.inner];
          for (int o = 0; o < l.outer; o++) {
            for (int k = 0; k < l.n; k++) {
              int base = (o * l.n + k) * l.inner;
              for (int j = 0; j < l.inner; j++) {
                total[o * l.inner + j] += g[base + j];
              }
            }
          }
          for (int o = 0; o < l.outer; o++) {
            for (int k = 0; k < l.n; k++) {
              int base = (o * l.n + k) * l.inner;
              for (int j = 0; j < l.inner; j++) {
                gx[base + j] += g[base + j] - Math.exp(out[base + j]) * total[o * l.inner + j];
              }
            }
          }
        },
        x);
  }
}
