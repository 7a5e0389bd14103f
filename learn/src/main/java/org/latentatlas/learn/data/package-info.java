/**
 * Data utilities for training and evaluation: {@link org.latentatlas.learn.data.Digits} loads
 * the bundled handwritten-digits data set as a {@link org.latentatlas.learn.data.LabeledData}
 * and its committed fixed 80/20 split, {@link org.latentatlas.learn.data.Splits} makes seeded
 * stratified and plain random train/test splits ({@link org.latentatlas.learn.data.Split}), and
 * {@link org.latentatlas.learn.data.Minibatches} iterates over seeded, per-epoch reshuffled
 * minibatches of indices whose order depends only on the seed and the epoch number.
 */
package org.latentatlas.learn.data;
