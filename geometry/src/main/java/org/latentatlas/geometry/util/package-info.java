/**
 * Argument validation ({@link org.latentatlas.geometry.util.Checks}: messages that name the
 * argument, the constraint and the value), row access on EJML matrices ({@link
 * org.latentatlas.geometry.util.Rows}) and the exception for numerical non-convergence, shared by
 * every module.
 */
package org.latentatlas.geometry.util;
