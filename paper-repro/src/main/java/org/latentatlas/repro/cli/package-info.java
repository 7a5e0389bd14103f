/**
 * The subcommands of {@code atlas}: {@code list}, one command per experiment, {@code all}, {@code
 * report} and the {@code manifold} tool that applies manifold operations to NPY arrays.
 */
package org.latentatlas.repro.cli;
