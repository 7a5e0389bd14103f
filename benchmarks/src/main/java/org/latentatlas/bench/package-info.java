/**
 * JMH benchmarks, compiled by every build and run by hand (see {@code benchmarks/README.md}):
 * {@link org.latentatlas.bench.ManifoldBenchmark} measures the row-batched distance, exponential
 * and logarithmic maps of every manifold model.
 */
package org.latentatlas.bench;
