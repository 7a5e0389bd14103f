// The README's code examples, run by the build so that they keep compiling and working.
// Start from the repository root (see startup.jsh for the class path).

import java.nio.file.*;
import java.util.*;
import org.latentatlas.geometry.*;
import org.latentatlas.geometry.io.*;
import org.latentatlas.geometry.manifold.*;
import org.latentatlas.geometry.util.*;
import org.latentatlas.geometry.metric.*;

// --- Quick start
PoincareBall ball = Manifolds.poincareBall(2, 1.0);
double[] x = {0.1, 0.2}, y = {-0.5, 0.4};
double d = ball.distance(x, y);
double[] v = ball.log(x, y);
double[] back = ball.exp(x, v);
double[] z = ball.mobiusAdd(x, y);
if (Math.abs(ball.norm(x, v) - d) > 1e-12) throw new AssertionError("|log_x y|_x != d(x, y)");

// --- Hyperbolic geometry
PoincareBall ball3 = Manifolds.poincareBall(3, 0.5);
double[] x3 = {0.1, -0.2, 0.3}, y3 = {-0.4, 0.25, 0.05};
double[] sum = ball3.mobiusAdd(x3, y3);
double d3 = ball3.distance(x3, y3);
if (Math.abs(d3 - 1.5074372926355612) > 1e-12) throw new AssertionError("golden distance " + d3);
double[] mid = ball3.gyromidpoint(new double[][] {x3, y3}, new double[] {1, 1});
double[] xl = Isometries.poincareToLorentz(x3, 0.5);
double dl = Manifolds.lorentz(3, 0.5).distance(xl, Isometries.poincareToLorentz(y3, 0.5));
if (Math.abs(dl - d3) > 1e-12) throw new AssertionError("isometry " + dl);
double[] mean = FrechetMean.of(ball3, new double[][] {x3, y3, ball3.origin()});

// --- Finite metrics, snowflakes and distortion
List<double[]> pts = List.of(new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 2});
Metric<double[]> snow = Metrics.snowflake(Metrics.euclidean(), 0.5);
DistanceMatrix source = DistanceMatrix.of(pts, Metrics.euclidean());
DistanceMatrix target = DistanceMatrix.of(pts, snow);
if (!source.checkAxioms().holds()) throw new AssertionError("axioms");
double avg = Distortion.averageDistortion(source, target);
double worst = Distortion.worstCaseDistortion(source, target);

// --- NumPy interchange
Path data = Files.isDirectory(Path.of("data")) ? Path.of("data") : Path.of("..", "data");
Map<String, NpyArray> cora = Npz.read(data.resolve("planetoid/cora.npz"));
int[] shape = cora.get("edge_index").shape();
if (shape[0] != 2 || shape[1] != 5278) throw new AssertionError(Arrays.toString(shape));
Path tmp = Files.createTempDirectory("latentatlas-readme");
Npy.write(tmp.resolve("points.npy"), NpyArray.fromMatrix(Rows.of(x3, y3, mid)));
if (Npy.read(tmp.resolve("points.npy")).asMatrix().numRows != 3) throw new AssertionError("npy");

// --- Poincaré embeddings of hierarchies
import org.latentatlas.graph.embedding.*;
Hierarchy mammals = Hierarchy.load(data.resolve("wordnet/mammal_closure.tsv"));
if (mammals.nodeCount() != 1180 || mammals.pairCount() != 6540) throw new AssertionError(mammals.toString());

// --- Learning: autodiff, layers, optimisers
import org.latentatlas.learn.autodiff.*;
import org.latentatlas.learn.autodiff.manifold.*;
import org.latentatlas.learn.data.*;
import org.latentatlas.learn.nn.*;
import org.latentatlas.learn.nn.hyperbolic.*;
import org.latentatlas.learn.optim.*;
LabeledData digits = Digits.load(data, true);
LabeledData batch = digits.select(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
Mlp mlp = new Mlp(new int[] {64, 256, 256, 10}, Activation::relu, new Random(0));
Adam adam = new Adam(mlp.parameters(), 1e-3);
adam.zeroGrad();
Tensor loss = Losses.crossEntropy(mlp.forward(Tensor.fromMatrix(batch.features())), batch.labels());
loss.backward();
adam.step();
ModelIo.save(tmp.resolve("mlp.npz"), mlp);
if (!Npz.read(tmp.resolve("mlp.npz")).containsKey("layers.0.weight")) throw new AssertionError("npz names");
double after = Losses.crossEntropy(mlp.forward(Tensor.fromMatrix(batch.features())), batch.labels()).item();
if (!(after < loss.item())) throw new AssertionError("one Adam step did not lower the loss");

// --- Hyperbolic layers and the Poincaré ResNet
double c = 0.1;
Tensor xb = BallOps.exp0(Tensor.randn(0, 4 * 8 * 8, 3).multiply(0.5), c).reshape(4, 8, 8, 3);
Tensor yb = new PoincareConv2d(3, 8, 3, 1, 1, c, new Random(1)).forward(xb);
if (!Arrays.equals(yb.shape(), new int[] {4, 8, 8, 8})) throw new AssertionError(Arrays.toString(yb.shape()));
Tensor zb = new PoincareBatchNorm(8, c).forward(yb);
PoincareResNet net = PoincareResNet.resNet20(1, 10, c, new Random(0));
Tensor logits = net.forward(Tensor.zeros(2, 1, 8, 8));
if (!Arrays.equals(logits.shape(), new int[] {2, 10})) throw new AssertionError(Arrays.toString(logits.shape()));

// --- Differentiable metrics and row kernels
import org.latentatlas.learn.*;
PoincareBall ball2 = Manifolds.poincareBall(2, 1.0);
DifferentiableMetric metric = DifferentiableMetrics.of(ball2);           // any manifold with a distance VJP
Tensor pts = Tensor.parameter("pts", new double[] {0.1, 0.2, -0.5, 0.4, 0.3, -0.3}, 3, 2);
Tensor dists = metric.pairwiseDistances(pts, pts);                        // [3, 3], Gram form forward
dists.sum().backward();                                                   // two GEMMs backward
if (pts.gradient().length != 6) throw new AssertionError("gradient");
RowKernels rk = ball2.rowKernels();                                       // unvalidated, offset-based
double d01 = rk.distance(pts.buffer(), 0, pts.buffer(), 2);
if (d01 != ball2.distance(new double[] {0.1, 0.2}, new double[] {-0.5, 0.4})) throw new AssertionError("same bits");
// an embedding on any manifold whose kernels have a distance VJP, e.g. a product
RiemannianManifold mixed = Manifolds.product(Manifolds.poincareBall(2, 1.0), Manifolds.euclidean(2));
PoincareEmbeddingTrainer.Config embedConfig = PoincareEmbeddingTrainer.Config.defaults(mixed).withEpochs(0);
if (!embedConfig.manifold().equals(mixed)) throw new AssertionError("config");

