/**
 * The experiments of the {@code atlas} command line, one class per paper table, figure or
 * numerical study, each registered in {@link org.latentatlas.repro.Experiments}.
 */
package org.latentatlas.repro.experiments;
