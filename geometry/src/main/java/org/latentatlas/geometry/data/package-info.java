/**
 * Data utilities for training and evaluation: {@link org.latentatlas.geometry.data.Digits} loads
 * the bundled handwritten-digits data set as a {@link org.latentatlas.geometry.data.LabeledData}
 * and its committed fixed 80/20 split, {@link org.latentatlas.geometry.data.Splits} makes seeded
 * stratified and plain random train/test splits ({@link org.latentatlas.geometry.data.Split}), and
 * {@link org.latentatlas.geometry.data.Minibatches} iterates over seeded, per-epoch reshuffled
 * minibatches of indices whose order depends only on the seed and the epoch number.
 */
package org.latentatlas.geometry.data;
