// The learning half of LatentAtlas in three short experiments: an MLP on the digits, a Poincaré
// embedding of the WordNet mammals, and Riemannian SGD on the sphere. Start from the repository
// root with the class path of startup.jsh; the build runs this script and fails on any
// AssertionError below. The full programs are TrainMlp, PoincareEmbeddingExample and
// SphereRayleighQuotient in org.latentatlas.examples.

import java.nio.file.*;
import java.util.*;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.latentatlas.geometry.*;
import org.latentatlas.learn.autodiff.*;
import org.latentatlas.learn.data.*;
import org.latentatlas.geometry.manifold.*;
import org.latentatlas.geometry.util.*;
import org.latentatlas.learn.nn.*;
import org.latentatlas.learn.optim.*;
import org.latentatlas.graph.embedding.*;

Path data = Files.isDirectory(Path.of("data")) ? Path.of("data") : Path.of("..", "data");

// --- 1. An MLP 64 -> 256 -> 256 -> 10 on the digits: Adam, batches of 64, 3 epochs.
LabeledData digits = Digits.load(data, true);
Split split = Digits.fixedSplit(data);
LabeledData train = digits.select(split.train());
LabeledData test = digits.select(split.test());
Mlp mlp = new Mlp(new int[] {64, 256, 256, 10}, Activation::relu, new Random(0));
Adam adam = new Adam(mlp.parameters(), 1e-3);
Minibatches batches = Minibatches.over(train.size(), 64, false, 0);
for (int epoch = 0; epoch < 3; epoch++) {
  for (int[] batch : batches.epoch(epoch)) {
    LabeledData b = train.select(batch);
    adam.zeroGrad();
    Losses.crossEntropy(mlp.forward(Tensor.fromMatrix(b.features())), b.labels()).backward();
    adam.step();
  }
}
double accuracy(org.latentatlas.learn.nn.Module model, LabeledData d) {
  model.eval();
  try (NoGrad off = NoGrad.enter()) {
    double[] z = model.forward(Tensor.fromMatrix(d.features())).data();
    int correct = 0;
    for (int i = 0; i < d.size(); i++) {
      int best = 0;
      for (int k = 1; k < 10; k++) if (z[i * 10 + k] > z[i * 10 + best]) best = k;
      if (best == d.labels()[i]) correct++;
    }
    return (double) correct / d.size();
  } finally {
    model.train();
  }
}
double testAccuracy = accuracy(mlp, test);
System.out.printf("MLP after 3 epochs: test accuracy %.4f%n", testAccuracy);
if (!(testAccuracy >= 0.80)) throw new AssertionError("MLP test accuracy " + testAccuracy);

// --- 2. A Poincaré embedding of the mammals closure in the 5-ball, 20 epochs (300 for the paper).
Hierarchy mammals = Hierarchy.load(data.resolve("wordnet/mammal_closure.tsv"));
PoincareEmbeddingTrainer.Config config =
    PoincareEmbeddingTrainer.Config.defaults(Manifolds.poincareBall(5, 1.0)).withEpochs(20);
Embedding embedding = new PoincareEmbeddingTrainer(config).train(mammals, null);
ReconstructionEvaluator.Result reconstruction = ReconstructionEvaluator.evaluate(mammals, embedding);
System.out.printf("mammals d=5, 20 epochs: mean rank %.2f, MAP %.3f%n",
    reconstruction.meanRank(), reconstruction.meanAveragePrecision());
if (!(reconstruction.meanAveragePrecision() >= 0.3)) throw new AssertionError(reconstruction.toString());
// The root of the hierarchy sits nearer the origin than a leaf.
double normOf(String name) {
  double[] x = embedding.row(mammals.index(name).orElseThrow());
  double s = 0;
  for (double v : x) s += v * v;
  return Math.sqrt(s);
}
if (!(normOf("mammal.n.01") < normOf("dog.n.01"))) throw new AssertionError("root not central");

// --- 3. Riemannian SGD on the sphere S^19: max x^T A x over |x| = 1 is A's largest eigenvalue.
Random rng = new Random(1);
DMatrixRMaj a = new DMatrixRMaj(20, 20);
for (int i = 0; i < 20; i++) {
  for (int j = 0; j <= i; j++) {
    double v = rng.nextGaussian();
    a.set(i, j, v);
    a.set(j, i, v);
  }
}
Tensor matrix = Tensor.fromMatrix(a);
Sphere sphere = Manifolds.sphere(19);
ManifoldParameter x = ManifoldParameter.create("x", sphere, sphere.randomPoint(new Random(2)), 1, 20);
RiemannianSgd rsgd = new RiemannianSgd(List.of(x.tensor()), 0.05);
double rayleigh = 0;
for (int step = 0; step < 1000; step++) {
  rsgd.zeroGrad();
  Tensor quotient = x.tensor().matmul(matrix).multiply(x.tensor()).sum();
  quotient.negate().backward();
  rsgd.step();
  rayleigh = quotient.item();
}
var eig = DecompositionFactory_DDRM.eig(20, false, true);
if (!eig.decompose(a.copy())) throw new AssertionError("EJML eigendecomposition failed");
double largest = Double.NEGATIVE_INFINITY;
for (int i = 0; i < 20; i++) largest = Math.max(largest, eig.getEigenvalue(i).getReal());
System.out.printf("Rayleigh quotient %.12f, EJML's largest eigenvalue %.12f%n", rayleigh, largest);
if (!(Math.abs(rayleigh - largest) <= 1e-6)) throw new AssertionError(rayleigh + " != " + largest);
