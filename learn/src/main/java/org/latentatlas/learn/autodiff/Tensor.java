package org.latentatlas.learn.autodiff;

import org.latentatlas.geometry.RiemannianManifold;
import java.util.Optional;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.util.Checks;

/**
 * An N-dimensional float64 tensor on the reverse-mode autodiff tape: row-major {@code double[]}
 * data, a shape, and, when it requires a gradient, the parents and backward closure of the
 * operation that produced it.
 *
 * <p>A leaf created by {@link #parameter(double[], int...)} requires a gradient; every operation
 * applied to tensors of which at least one requires a gradient records its parents and a {@link
 * BackwardFunction} (unless a {@link NoGrad} scope is active). {@link #backward()} on a scalar loss
 * sorts the graph topologically (iteratively, so deep graphs are fine) and accumulates \( \partial
 * L / \partial x \) into the {@link #gradient() gradient} of every tensor that requires one; leaf
 * gradients accumulate across calls until {@link #zeroGrad()}.
 *
 * <pre>{@code
 * Tensor w = Tensor.parameter(new double[] {1, 2, 3, 4}, 2, 2);
 * Tensor x = Tensor.of(new double[] {1, -1}, 2, 1);
 * Tensor loss = ReductionOps.sum(ElementwiseOps.tanh(w.matmul(x)));
 * loss.backward();
 * double[] dw = w.gradient();
 * }</pre>
 *
 * <p>A scalar has shape {@code []} (rank 0) and size 1.
 *
 * <p>References: A. Griewank and A. Walther, <i>Evaluating Derivatives</i>, 2nd ed., SIAM 2008
 * (reverse mode, ch. 3); A. Paszke et al., "Automatic differentiation in PyTorch", NIPS Autodiff
 * Workshop 2017 (tape, gradient accumulation, no-grad semantics).
 */
public final class Tensor {

  private static final Tensor[] NO_PARENTS = new Tensor[0];

  private final double[] data;
  private final int[] shape;
  private final boolean requiresGrad;
  private final String name;
  private final boolean leaf;
  private double[] grad;
  private Tensor[] parents;
  private BackwardFunction backwardFunction;
  private boolean freed;

  /** Run once when {@link #free} drops this node's backward closure, or null. */
  private Runnable onFree;

  /** The manifold of the rows of a manifold parameter, or null for a Euclidean tensor. */
  private RiemannianManifold manifold;

  /**
   * The curvature magnitude \( c \) of the Poincaré ball whose points the rows (along the last
   * axis) are, as recorded by the operation that produced them; 0 when nothing is known.
   */
  private double ballCurvature;

  private Tensor(
      String name,
      double[] data,
      int[] shape,
      boolean requiresGrad,
      Tensor[] parents,
      BackwardFunction backwardFunction) {
    this.name = name;
    this.data = data;
    this.shape = shape;
    this.requiresGrad = requiresGrad;
    this.parents = parents;
    this.backwardFunction = backwardFunction;
    this.leaf = parents.length == 0;
  }

  private static int[] checkedShape(String name, int length, int... shape) {
    Checks.notNull("shape", shape);
    int size = TensorShapes.size(shape);
    if (size != length) {
      throw new IllegalArgumentException(
          name
              + ": data has "
              + length
              + " entries but shape "
              + TensorShapes.str(shape)
              + " needs "
              + size);
    }
    return shape.clone();
  }

  /**
   * Creates a constant tensor (no gradient) holding a copy of the data.
   *
   * @param data the entries, row-major
   * @param shape the shape
   * @return the tensor
   * @throws IllegalArgumentException if the data length differs from the product of the shape
   */
  public static Tensor of(double[] data, int... shape) {
    Checks.notNull("data", data);
    return new Tensor(
        "tensor",
        data.clone(),
        checkedShape("tensor", data.length, shape),
        false,
        NO_PARENTS,
        null);
  }

  /**
   * Creates a trainable leaf tensor (requires a gradient) holding a copy of the data.
   *
   * @param data the entries, row-major
   * @param shape the shape
   * @return the parameter
   * @throws IllegalArgumentException if the data length differs from the product of the shape
   */
  public static Tensor parameter(double[] data, int... shape) {
    return parameter("parameter", data, shape);
  }

  /**
   * Creates a named trainable leaf tensor; the name appears in error messages.
   *
   * @param name the name
   * @param data the entries, row-major
   * @param shape the shape
   * @return the parameter
   * @throws IllegalArgumentException if the data length differs from the product of the shape
   */
  public static Tensor parameter(String name, double[] data, int... shape) {
    Checks.notNull("name", name);
    Checks.notNull("data", data);
    return new Tensor(
        name, data.clone(), checkedShape(name, data.length, shape), true, NO_PARENTS, null);
  }

  /**
   * Creates a constant scalar (shape {@code []}).
   *
   * @param value the value
   * @return the scalar
   */
  public static Tensor scalar(double value) {
    return new Tensor("scalar", new double[] {value}, new int[0], false, NO_PARENTS, null);
  }

  /**
   * Creates a constant tensor of zeros.
   *
   * @param shape the shape
   * @return the tensor
   */
  public static Tensor zeros(int... shape) {
    return new Tensor(
        "zeros", new double[TensorShapes.size(shape)], shape.clone(), false, NO_PARENTS, null);
  }

  /**
   * Creates a constant tensor of ones.
   *
   * @param shape the shape
   * @return the tensor
   */
  public static Tensor ones(int... shape) {
    double[] data = new double[TensorShapes.size(shape)];
    Arrays.fill(data, 1.0);
    return new Tensor("ones", data, shape.clone(), false, NO_PARENTS, null);
  }

  /**
   * Creates a constant tensor of independent standard normal entries.
   *
   * @param rng the random source
   * @param shape the shape
   * @return the tensor
   */
  public static Tensor randn(Random rng, int... shape) {
    Checks.notNull("rng", rng);
    double[] data = new double[TensorShapes.size(shape)];
    for (int i = 0; i < data.length; i++) {
      data[i] = rng.nextGaussian();
    }
    return new Tensor("randn", data, shape.clone(), false, NO_PARENTS, null);
  }

  /**
   * Creates a constant tensor of independent standard normal entries from a seed.
   *
   * @param seed the seed of a {@link Random}
   * @param shape the shape
   * @return the tensor
   */
  public static Tensor randn(long seed, int... shape) {
    return randn(new Random(seed), shape);
  }

  /**
   * Creates a constant tensor of independent entries uniform on \( [\mathit{low}, \mathit{high})
   * \).
   *
   * @param rng the random source
   * @param low the lower bound
   * @param high the upper bound
   * @param shape the shape
   * @return the tensor
   * @throws IllegalArgumentException if the bounds are not finite or {@code low > high}
   */
  public static Tensor uniform(Random rng, double low, double high, int... shape) {
    Checks.notNull("rng", rng);
    Checks.finite("low", low);
    Checks.finite("high", high);
    Checks.argument(low <= high, "high", "must be >= low = " + low, high);
    double[] data = new double[TensorShapes.size(shape)];
    for (int i = 0; i < data.length; i++) {
      data[i] = low + (high - low) * rng.nextDouble();
    }
    return new Tensor("uniform", data, shape.clone(), false, NO_PARENTS, null);
  }

  /**
   * Creates a constant 2-D tensor holding a copy of the matrix.
   *
   * @param matrix the matrix
   * @return the tensor of shape {@code [rows, cols]}
   */
  public static Tensor fromMatrix(DMatrixRMaj matrix) {
    Checks.notNull("matrix", matrix);
    double[] data = Arrays.copyOf(matrix.data, matrix.getNumElements());
    return new Tensor(
        "matrix", data, new int[] {matrix.numRows, matrix.numCols}, false, NO_PARENTS, null);
  }

  /**
   * Creates the result of an operation; this is how operations (including user-defined ones, such
   * as manifold maps with a hand-derived VJP) enter the tape. The data array is taken over, not
   * copied. When no parent requires a gradient, or a {@link NoGrad} scope is active, the result is
   * a constant and the closure is dropped.
   *
   * @param op the operation name, used in error messages
   * @param data the output entries, row-major (owned by the result from now on)
   * @param shape the output shape
   * @param backward the backward closure, adding VJPs to the parents
   * @param parents the inputs of the operation
   * @return the output tensor
   * @throws IllegalArgumentException if the data length differs from the product of the shape
   */
  public static Tensor derived(
      String op, double[] data, int[] shape, BackwardFunction backward, Tensor... parents) {
    Checks.notNull("op", op);
    Checks.notNull("data", data);
    int[] s = checkedShape(op, data.length, shape);
    boolean record = false;
    Checks.notNull("parents", parents);
    for (int i = 0; i < parents.length; i++) {
      if (parents[i] == null) {
        Checks.notNull(op + " parent " + i, null); // builds the message only when it throws
      }
    }
    if (!NoGrad.isActive()) {
      for (Tensor p : parents) {
        if (p.requiresGrad) {
          record = true;
          break;
        }
      }
    }
    if (!record) {
      return new Tensor(op, data, s, false, NO_PARENTS, null);
    }
    Checks.notNull("backward", backward);
    return new Tensor(op, data, s, true, parents.clone(), backward);
  }

  /**
   * Creates the result of an operation, like {@link #derived(String, double[], int[],
   * BackwardFunction, Tensor...)}, and records that its rows along the last axis are points of the
   * Poincaré ball of curvature \( -c \), so that the next ball operation or layer need not scan them
   * again ({@link #holdsBallPoints}). Validate once: an operation marks its output only when its
   * kernels guarantee every row a finite point with \( c\lVert x\rVert^2 &lt; 1 \) (e.g. after the
   * ball's projection), never on the strength of an unchecked input. The mark describes the data as
   * the operation wrote it; writing into {@link #buffer()} afterwards voids it (as it voids the
   * gradients). Reshapes that keep the last axis keep the mark; other operations drop it.
   *
   * @param op the operation name, used in error messages
   * @param data the output entries, row-major (owned by the result from now on)
   * @param shape the output shape, rank at least 1
   * @param c the curvature magnitude of the ball, \( c &gt; 0 \) and finite
   * @param backward the backward closure, adding VJPs to the parents
   * @param parents the inputs of the operation
   * @return the output tensor
   * @throws IllegalArgumentException if the data length differs from the product of the shape, the
   *     shape is a scalar's, or {@code c} is not positive and finite
   */
  public static Tensor derivedBallPoints(
      String op,
      double[] data,
      int[] shape,
      double c,
      BackwardFunction backward,
      Tensor... parents) {
    if (!(c > 0 && c < Double.POSITIVE_INFINITY) || shape == null || shape.length == 0) {
      Checks.argument(c > 0 && c < Double.POSITIVE_INFINITY, "c", "must be > 0 and finite", c);
      Checks.notNull("shape", shape);
      Checks.argument(false, "shape", "must have rank >= 1 for points along the last axis", "[]");
    }
    Tensor t = derived(op, data, shape, backward, parents);
    t.ballCurvature = c;
    return t;
  }

  /**
   * Tells whether an operation of the library recorded this tensor's rows (along the last axis) as
   * points of the Poincaré ball of curvature \( -c \) ({@link #derivedBallPoints}); the curvature
   * must match exactly. Ball operations and layers skip the check of such an input; every other
   * tensor (e.g. one made by {@link #of}, or a layer's first input) is checked.
   *
   * @param c the curvature magnitude
   * @return true if the rows are marked as points of that ball
   */
  public boolean holdsBallPoints(double c) {
    return ballCurvature != 0 && ballCurvature == c;
  }

  /** Returns the recorded ball curvature, 0 if none, for the views of {@link ShapeOps}. */
  double ballCurvature() {
    return ballCurvature;
  }

  /**
   * Returns the shape.
   *
   * @return a copy of the shape
   */
  public int[] shape() {
    return shape.clone();
  }

  /**
   * Returns one dimension of the shape.
   *
   * @param axis the axis, negative values counting from the end
   * @return the length along the axis
   * @throws IllegalArgumentException if the axis is out of range
   */
  public int shape(int axis) {
    return shape[TensorShapes.axis("shape", axis, shape)];
  }

  /**
   * Returns the rank (number of dimensions).
   *
   * @return the rank
   */
  public int rank() {
    return shape.length;
  }

  /**
   * Returns the number of entries.
   *
   * @return the product of the shape
   */
  public int size() {
    return data.length;
  }

  /**
   * Returns the name: the operation that produced the tensor, or the name given to a leaf.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Tells whether the tensor takes part in gradient computation.
   *
   * @return {@code true} for parameters and results of recorded operations on them
   */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /**
   * Tells whether the tensor is a leaf (not the result of a recorded operation).
   *
   * @return {@code true} for leaves
   */
  public boolean isLeaf() {
    return leaf;
  }

  /**
   * Returns the manifold on which the rows of this parameter live, if it is a manifold parameter
   * (see {@code org.latentatlas.learn.optim.ManifoldParameter}); the Riemannian optimisers read it.
   *
   * @return the manifold, or empty for an ordinary (Euclidean) tensor
   */
  public Optional<RiemannianManifold> manifold() {
    return Optional.ofNullable(manifold);
  }

  /**
   * Declares this trainable leaf a parameter whose rows are points of a manifold. Use {@code
   * ManifoldParameter.wrap}, which also checks that every row is a point of the manifold; this
   * method checks only that the tensor is a trainable leaf not already placed on another manifold.
   *
   * @param manifold the manifold of the rows
   * @throws IllegalArgumentException if the tensor is not a leaf that requires a gradient, or is
   *     already on a different manifold
   */
  public void placeOn(RiemannianManifold manifold) {
    Checks.notNull("manifold", manifold);
    if (!requiresGrad || !leaf) {
      throw new IllegalArgumentException(
          "tensor '" + name + "' must be a leaf that requires a gradient to live on " + manifold);
    }
    if (this.manifold != null && !this.manifold.equals(manifold)) {
      throw new IllegalArgumentException(
          "tensor '" + name + "' already lives on " + this.manifold + ", not on " + manifold);
    }
    this.manifold = manifold;
  }

  /**
   * Returns the value of a tensor of size 1.
   *
   * @return the only entry
   * @throws IllegalArgumentException if the size is not 1
   */
  public double item() {
    if (data.length != 1) {
      throw new IllegalArgumentException(
          "item: tensor '" + name + "' of shape " + TensorShapes.str(shape) + " is not a scalar");
    }
    return data[0];
  }

  /**
   * Returns one entry.
   *
   * @param index one index per axis
   * @return the entry
   * @throws IllegalArgumentException if the index has the wrong rank or is out of range
   */
  public double get(int... index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "get: index "
              + Arrays.toString(index)
              + " does not match shape "
              + TensorShapes.str(shape));
    }
    int offset = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IllegalArgumentException(
            "get: index "
                + Arrays.toString(index)
                + " is out of range for shape "
                + TensorShapes.str(shape));
      }
      offset = offset * shape[d] + index[d];
    }
    return data[offset];
  }

  /**
   * Returns a copy of the entries, row-major.
   *
   * @return the data
   */
  public double[] data() {
    return data.clone();
  }

  /**
   * Returns the live data array (no copy), for kernels and optimisers that update parameters in
   * place. Modifying the entries of a tensor that a recorded graph still uses makes its gradients
   * wrong.
   *
   * @return the data array
   */
  public double[] buffer() {
    return data;
  }

  /**
   * Returns a copy of the accumulated gradient, zeros if none was accumulated yet. Leaves
   * accumulate across backward passes; an intermediate result holds the gradient of the last pass
   * through it.
   *
   * @return \( \partial L / \partial x \), row-major
   * @throws IllegalStateException if the tensor does not require a gradient
   */
  public double[] gradient() {
    if (!requiresGrad) {
      throw new IllegalStateException(
          "gradient: tensor '" + name + "' does not require a gradient");
    }
    return grad == null ? new double[data.length] : grad.clone();
  }

  /**
   * Returns the live gradient array, or {@code null} when none was accumulated yet (for
   * optimisers).
   *
   * @return the gradient array or {@code null}
   */
  public double[] gradientBuffer() {
    return grad;
  }

  /**
   * Returns the gradient as a constant tensor of the same shape.
   *
   * @return the gradient tensor
   * @throws IllegalStateException if the tensor does not require a gradient
   */
  public Tensor gradientTensor() {
    return new Tensor(name + ".grad", gradient(), shape.clone(), false, NO_PARENTS, null);
  }

  /** Forgets the accumulated gradient. */
  public void zeroGrad() {
    if (grad != null) {
      Arrays.fill(grad, 0.0);
    }
  }

  /**
   * Adds to the gradient; called by backward closures.
   *
   * @param delta a vector–Jacobian product of the tensor's size
   * @throws IllegalArgumentException if the length differs from the size
   */
  public void accumulateGradient(double[] delta) {
    if (delta.length != data.length) {
      throw new IllegalArgumentException(
          "accumulateGradient: tensor '"
              + name
              + "' of shape "
              + TensorShapes.str(shape)
              + " received a gradient of length "
              + delta.length);
    }
    if (!requiresGrad) {
      return;
    }
    double[] g = gradBuffer();
    for (int i = 0; i < g.length; i++) {
      g[i] += delta[i];
    }
  }

  /**
   * Adds to the gradient like {@link #accumulateGradient(double[])}, but takes the array over
   * (no copy) when no gradient was accumulated yet; called by backward closures outside this
   * package that compute a fresh VJP array. The caller must not use {@code delta} afterwards.
   *
   * @param delta a vector–Jacobian product of the tensor's size, owned by the tensor from now on
   * @throws IllegalArgumentException if the length differs from the size
   */
  public void accumulateGradientOwned(double[] delta) {
    if (grad == null && requiresGrad && delta.length == data.length) {
      grad = delta;
      return;
    }
    accumulateGradient(delta);
  }

  /** The gradient array, allocated on first use. */
  double[] gradBuffer() {
    if (grad == null) {
      grad = new double[data.length];
    }
    return grad;
  }

  /**
   * Returns a constant tensor sharing this tensor's data, cut off from the graph.
   *
   * @return the detached tensor
   */
  public Tensor detach() {
    Tensor t = new Tensor(name, data, shape, false, NO_PARENTS, null);
    t.ballCurvature = ballCurvature;
    return t;
  }

  /**
   * Returns a constant copy of a 2-D tensor as a matrix.
   *
   * @return the matrix
   * @throws IllegalArgumentException if the rank is not 2
   */
  public DMatrixRMaj toMatrix() {
    if (shape.length != 2) {
      throw new IllegalArgumentException(
          "toMatrix: tensor '" + name + "' of shape " + TensorShapes.str(shape) + " is not 2-D");
    }
    return new DMatrixRMaj(shape[0], shape[1], true, data.clone());
  }

  /**
   * Back-propagates from a scalar loss: accumulates \( \partial L / \partial x \) into every tensor
   * of the graph that requires a gradient, then frees the graph's closures.
   *
   * @throws IllegalArgumentException if the tensor is not a scalar, does not require a gradient,
   *     or is NaN or infinite (the message names the operation that first produced a non-finite
   *     value)
   */
  public void backward() {
    backward(null, false);
  }

  /**
   * Back-propagates a seed gradient \( \partial L / \partial y \) of this tensor's shape.
   *
   * @param seed the seed gradient, or {@code null} for a scalar (seed 1)
   * @throws IllegalArgumentException as {@link #backward(Tensor, boolean)}
   */
  public void backward(Tensor seed) {
    backward(seed, false);
  }

  /**
   * Back-propagates a seed gradient; when {@code retainGraph} is false the closures of the
   * intermediate results are released afterwards (a second backward through them then fails).
   *
   * @param seed the seed gradient of this tensor's shape, or {@code null} for a scalar (seed 1)
   * @param retainGraph whether to keep the graph for another backward pass
   * @throws IllegalArgumentException if {@code seed} is null and the tensor is not a scalar, if the
   *     seed's shape differs, if the tensor does not require a gradient, or if the tensor is NaN or
   *     infinite
   * @throws IllegalStateException if the graph was freed by an earlier backward pass
   */
  public void backward(Tensor seed, boolean retainGraph) {
    if (seed == null && data.length != 1) {
      throw new IllegalArgumentException(
          "backward on a non-scalar tensor '"
              + name
              + "' of shape "
              + TensorShapes.str(shape)
              + " needs a seed gradient");
    }
    if (seed != null && !Arrays.equals(seed.shape, shape)) {
      throw new IllegalArgumentException(
          "backward: seed gradient of shape "
              + TensorShapes.str(seed.shape)
              + " does not match tensor '"
              + name
              + "' of shape "
              + TensorShapes.str(shape));
    }
    if (!requiresGrad) {
      throw new IllegalArgumentException(
          "backward: tensor '"
              + name
              + "' does not require a gradient (no parameter in its graph, or built in a NoGrad"
              + " scope)");
    }
    Backpropagation.run(this, seed == null ? null : seed.data, retainGraph);
  }

  // ---- package-private access for Backpropagation ------------------------------------------

  Tensor[] parents() {
    return parents;
  }

  boolean isFreed() {
    return freed;
  }

  double[] gradientOrNull() {
    return grad;
  }

  void resetGradient() {
    grad = null;
  }

  void runBackward() {
    backwardFunction.backward(grad);
  }

  void free() {
    backwardFunction = null;
    parents = NO_PARENTS;
    freed = true;
    Runnable r = onFree;
    onFree = null;
    if (r != null) {
      r.run();
    }
  }

  /**
   * Registers an action to run once when a backward pass without {@code retainGraph} frees this
   * node (its backward closure can no longer run), e.g. to recycle a buffer the closure read.
   * Replaces an earlier action.
   *
   * @param action the action
   * @return this tensor
   */
  public Tensor whenFreed(Runnable action) {
    this.onFree = action;
    return this;
  }

  // ---- fluent shortcuts -------------------------------------------------------------------

  /**
   * Elementwise sum with broadcasting; see {@link ElementwiseOps#add(Tensor, Tensor)}.
   *
   * @param other the other operand
   * @return {@code this + other}
   */
  public Tensor add(Tensor other) {
    return ElementwiseOps.add(this, other);
  }

  /**
   * Elementwise difference with broadcasting; see {@link ElementwiseOps#subtract(Tensor, Tensor)}.
   *
   * @param other the other operand
   * @return {@code this - other}
   */
  public Tensor subtract(Tensor other) {
    return ElementwiseOps.subtract(this, other);
  }

  /**
   * Elementwise product with broadcasting; see {@link ElementwiseOps#multiply(Tensor, Tensor)}.
   *
   * @param other the other operand
   * @return {@code this * other}
   */
  public Tensor multiply(Tensor other) {
    return ElementwiseOps.multiply(this, other);
  }

  /**
   * Elementwise quotient with broadcasting; see {@link ElementwiseOps#divide(Tensor, Tensor)}.
   *
   * @param other the other operand
   * @return {@code this / other}
   */
  public Tensor divide(Tensor other) {
    return ElementwiseOps.divide(this, other);
  }

  /**
   * Matrix product; see {@link ShapeOps#matmul(Tensor, Tensor)}.
   *
   * @param other the right factor
   * @return {@code this @ other}
   */
  public Tensor matmul(Tensor other) {
    return ShapeOps.matmul(this, other);
  }

  /**
   * Sum of all entries; see {@link ReductionOps#sum(Tensor)}.
   *
   * @return the scalar sum
   */
  public Tensor sum() {
    return ReductionOps.sum(this);
  }

  /**
   * Mean of all entries; see {@link ReductionOps#mean(Tensor)}.
   *
   * @return the scalar mean
   */
  public Tensor mean() {
    return ReductionOps.mean(this);
  }

  /**
   * Reshape; see {@link ShapeOps#reshape(Tensor, int...)}.
   *
   * @param newShape the new shape, one entry may be -1
   * @return the reshaped tensor
   */
  public Tensor reshape(int... newShape) {
    return ShapeOps.reshape(this, newShape);
  }

  /**
   * Sum along an axis; see {@link ReductionOps#sum(Tensor, int, boolean)}.
   *
   * @param axis the axis (negative counts from the end)
   * @param keepDims whether the reduced axis stays with length 1
   * @return the sums
   */
  public Tensor sum(int axis, boolean keepDims) {
    return ReductionOps.sum(this, axis, keepDims);
  }

  /**
   * Mean along an axis; see {@link ReductionOps#mean(Tensor, int, boolean)}.
   *
   * @param axis the axis (negative counts from the end)
   * @param keepDims whether the reduced axis stays with length 1
   * @return the means
   */
  public Tensor mean(int axis, boolean keepDims) {
    return ReductionOps.mean(this, axis, keepDims);
  }

  /**
   * Transpose of a 2-D tensor; see {@link ShapeOps#transpose(Tensor)}.
   *
   * @return the transpose
   */
  public Tensor transpose() {
    return ShapeOps.transpose(this);
  }

  /**
   * Negation; see {@link ElementwiseOps#negate(Tensor)}.
   *
   * @return {@code -this}
   */
  public Tensor negate() {
    return ElementwiseOps.negate(this);
  }

  /**
   * Product with a constant; see {@link ElementwiseOps#multiplyScalar(Tensor, double)}.
   *
   * @param c the constant
   * @return {@code c * this}
   */
  public Tensor multiply(double c) {
    return ElementwiseOps.multiplyScalar(this, c);
  }

  /**
   * Sum with a constant; see {@link ElementwiseOps#addScalar(Tensor, double)}.
   *
   * @param c the constant
   * @return {@code this + c}
   */
  public Tensor add(double c) {
    return ElementwiseOps.addScalar(this, c);
  }

  /**
   * Power with a constant exponent; see {@link ElementwiseOps#pow(Tensor, double)}.
   *
   * @param p the exponent
   * @return {@code this^p}
   */
  public Tensor pow(double p) {
    return ElementwiseOps.pow(this, p);
  }

  /**
   * Exponential; see {@link ElementwiseOps#exp(Tensor)}.
   *
   * @return {@code exp(this)}
   */
  public Tensor exp() {
    return ElementwiseOps.exp(this);
  }

  /**
   * Natural logarithm; see {@link ElementwiseOps#log(Tensor)}.
   *
   * @return {@code log(this)}
   */
  public Tensor log() {
    return ElementwiseOps.log(this);
  }

  /**
   * Rectified linear unit; see {@link ElementwiseOps#relu(Tensor)}.
   *
   * @return {@code max(this, 0)}
   */
  public Tensor relu() {
    return ElementwiseOps.relu(this);
  }

  /**
   * Hyperbolic tangent; see {@link ElementwiseOps#tanh(Tensor)}.
   *
   * @return {@code tanh(this)}
   */
  public Tensor tanh() {
    return ElementwiseOps.tanh(this);
  }

  /**
   * Logistic sigmoid; see {@link ElementwiseOps#sigmoid(Tensor)}.
   *
   * @return {@code sigmoid(this)}
   */
  public Tensor sigmoid() {
    return ElementwiseOps.sigmoid(this);
  }

  /**
   * Describes the tensor, e.g. {@code Tensor(name=matmul, shape=[3, 4], requiresGrad=true)}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "Tensor(name="
        + name
        + ", shape="
        + TensorShapes.str(shape)
        + ", requiresGrad="
        + requiresGrad
        + ")";
  }
}
