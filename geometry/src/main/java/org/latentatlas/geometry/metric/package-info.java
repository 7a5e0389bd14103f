/**
 * Finite metrics, metric transforms and distortion: {@link
 * org.latentatlas.geometry.metric.DistanceMatrix} (a metric on the indices \( 0, \dots, n-1 \) with
 * packed symmetric storage and a check of the metric axioms), the decorators behind {@link
 * org.latentatlas.geometry.metric.Metrics} (snowflake, scaled, concave-transformed, \( \ell_p \) product
 * and Minkowski metrics), and {@link org.latentatlas.geometry.metric.Distortion}, the average and
 * worst-case distortion between two finite metrics on the same points (Sala, De Sa, Gu and Ré,
 * ICML 2018).
 */
package org.latentatlas.geometry.metric;
